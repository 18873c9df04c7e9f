using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Announcement;

/// <summary>The inputs of one planning run, with the per-service facts both modes read.</summary>
internal sealed class PlanningContext
{
    public const string ExcludeFromLoadBalancersLabel = "node.kubernetes.io/exclude-from-external-load-balancers";
    public const string AllowSharedIpAnnotation = "metallb.io/allow-shared-ip";
    public const string DeprecatedAllowSharedIpAnnotation = "metallb.universe.tf/allow-shared-ip";

    private readonly List<string> _reasons = [];

    public PlanningContext(
        ServiceInfo service,
        IReadOnlyList<IpAddress> ips,
        string pool,
        MetalLbConfig config,
        IReadOnlyList<NodeInfo> nodes,
        IReadOnlyList<EndpointSliceInfo> slices,
        PlannerOptions options)
    {
        Service = service;
        Ips = ips;
        Pool = pool;
        Config = config;
        Options = options;
        Endpoints = ServiceEndpoints.For(service, slices);
        Nodes = nodes
            .DistinctBy(n => n.Metadata.Name, StringComparer.Ordinal)
            .OrderBy(n => n.Metadata.Name, StringComparer.Ordinal)
            .ToArray();
    }

    public ServiceInfo Service { get; }

    public IReadOnlyList<IpAddress> Ips { get; }

    public string Pool { get; }

    public MetalLbConfig Config { get; }

    public PlannerOptions Options { get; }

    public ServiceEndpoints Endpoints { get; }

    /// <summary>All nodes, one per name, in name order so every output built from them is deterministic.</summary>
    public IReadOnlyList<NodeInfo> Nodes { get; }

    public IReadOnlyDictionary<string, string> ServiceLabels => Service.Metadata.Labels;

    public bool IsLocal => Service.ExternalTrafficPolicy == "Local";

    /// <summary>The sharing annotation in either prefix; only its presence matters for announcing.</summary>
    public bool HasSharingKey =>
        Service.Metadata.Annotations.ContainsKey(AllowSharedIpAnnotation)
        || Service.Metadata.Annotations.ContainsKey(DeprecatedAllowSharedIpAnnotation);

    /// <summary>True once some L2 or BGP advertisement of the pool matched the service.</summary>
    public bool AnyAdvertisementMatched { get; set; }

    public IReadOnlyList<string> Reasons => _reasons;

    /// <summary>
    /// NetworkUnavailable nodes and, unless ignored, nodes carrying the exclude label (any value) never announce.
    /// NodeReady and cordoning are deliberately not considered (METALLB-SPEC §5.1 step 4).
    /// </summary>
    public bool IsUsable(NodeInfo node) =>
        !node.NetworkUnavailable
        && (Options.IgnoreExcludeLb || !node.Metadata.Labels.ContainsKey(ExcludeFromLoadBalancersLabel));

    public void Report(string reason)
    {
        if (!_reasons.Contains(reason))
        {
            _reasons.Add(reason);
        }
    }
}
