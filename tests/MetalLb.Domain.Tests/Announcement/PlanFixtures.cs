using System.Security.Cryptography;
using System.Text;
using MetalLb.Domain.Announcement;
using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Tests.Announcement;

/// <summary>Builders for planner input: one Service <c>default/web</c> with IPs from <c>pool</c>.</summary>
internal static class PlanFixtures
{
    public const string PoolName = "pool";

    public static readonly IpAddress V4 = IpAddress.Parse("192.168.10.7");

    public static readonly IpAddress V6 = IpAddress.Parse("fc00::7");

    private static readonly Dictionary<string, string> None = [];

    public static ServiceInfo Service(
        string etp = "Cluster",
        IReadOnlyDictionary<string, string>? labels = null,
        IReadOnlyDictionary<string, string>? annotations = null) =>
        new(new ObjectMeta { Name = "web", Namespace = "default", Labels = labels ?? None, Annotations = annotations ?? None })
        {
            Type = "LoadBalancer",
            ExternalTrafficPolicy = etp,
        };

    public static EndpointInfo Endpoint(string? node, bool? ready = true, bool? serving = null, bool withAddress = true) =>
        new() { NodeName = node, Ready = ready, Serving = serving, Addresses = withAddress ? ["10.244.0.5"] : [] };

    public static EndpointSliceInfo Slice(params EndpointInfo[] endpoints) => Slice("web", "default", endpoints);

    public static EndpointSliceInfo Slice(string service, string ns, params EndpointInfo[] endpoints) =>
        new(new ObjectMeta { Name = $"{service}-abcde", Namespace = ns }) { ServiceName = service, Endpoints = endpoints };

    /// <summary>One ready endpoint on each named node.</summary>
    public static EndpointSliceInfo[] ServingOn(params string[] nodes) => [Slice(nodes.Select(n => Endpoint(n)).ToArray())];

    public static NodeInfo[] Nodes(params string[] names) => names.Select(n => TestObjects.Node(n)).ToArray();

    public static NodeInfo Node(string name, params string[] labels) => TestObjects.Node(name, TestObjects.Labels(labels));

    /// <summary>A selector of <c>key=value</c> equalities; no pairs gives the match-everything selector.</summary>
    public static Selector Sel(params string[] pairs) =>
        new(pairs.Select(p => p.Split('=', 2)).Select(p => new SelectorRequirement(p[0], SelectorOperator.In, [p[1]])).ToArray());

    public static L2Ad L2(
        string name = "l2",
        Selector[]? nodes = null,
        string[]? interfaces = null,
        Selector[]? services = null,
        WeightedSelector[]? preferred = null,
        string pool = PoolName) =>
        new(name, new HashSet<string> { pool }, nodes ?? [], interfaces ?? [], services ?? [], preferred ?? []);

    public static BgpAd Bgp(
        string name = "bgp",
        int aggregation = 32,
        int aggregationV6 = 128,
        uint localPref = 0,
        BgpCommunity[]? communities = null,
        Selector[]? nodes = null,
        string[]? peers = null,
        Selector[]? services = null,
        string pool = PoolName) =>
        new(name, aggregation, aggregationV6, localPref, communities ?? [], new HashSet<string> { pool }, nodes ?? [],
            peers ?? [], services ?? []);

    public static Peer Peer(string name, params Selector[] nodeSelectors) =>
        new() { Name = name, MyAsn = 64500, PeerAsn = 64501, NodeSelectors = nodeSelectors };

    public static MetalLbConfig Configure(IEnumerable<L2Ad>? l2 = null, IEnumerable<BgpAd>? bgp = null, IEnumerable<Peer>? peers = null) =>
        new() { L2Ads = l2?.ToArray() ?? [], BgpAds = bgp?.ToArray() ?? [], Peers = peers?.ToArray() ?? [] };

    public static AnnouncementPlan Plan(
        MetalLbConfig config,
        IReadOnlyList<NodeInfo> nodes,
        IReadOnlyList<EndpointSliceInfo> slices,
        ServiceInfo? service = null,
        PlannerOptions? options = null,
        IReadOnlyList<IpAddress>? ips = null) =>
        AnnouncementPlanner.Plan(service ?? Service(), ips ?? [V4], PoolName, config, nodes, slices, options ?? PlannerOptions.Default);

    /// <summary>MetalLB's hash order, computed independently of the code under test.</summary>
    public static string[] HashOrder(IEnumerable<string> nodes, string firstIp) =>
        nodes.OrderBy(n => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(n + "#" + firstIp))), StringComparer.Ordinal)
            .ToArray();
}
