using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>Builders for allocator tests: pools from address text, Services as a LoadBalancer in "default".</summary>
internal static class AllocationFixtures
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    public static Pool Pool(string name, params string[] addresses)
    {
        var entries = addresses
            .Select(a => PoolAddressEntry.TryParse(a, name, out var error) ?? throw new ArgumentException(error))
            .ToArray();
        return new Pool(name, NoLabels, AutoAssign: true, AvoidBuggyIPs: false, entries, Allocation: null);
    }

    public static Pool Pinned(this Pool pool, int priority = 0, string[]? namespaces = null,
        Selector[]? namespaceSelectors = null, Selector[]? serviceSelectors = null) =>
        pool with
        {
            Allocation = new PoolAllocation(
                priority,
                new HashSet<string>(namespaces ?? [], StringComparer.Ordinal),
                namespaceSelectors ?? [],
                serviceSelectors ?? []),
        };

    public static Pool Manual(this Pool pool) => pool with { AutoAssign = false };

    public static Pool AvoidingBuggyIPs(this Pool pool) => pool with { AvoidBuggyIPs = true };

    /// <summary>A selector requiring each <c>key=value</c> pair.</summary>
    public static Selector Match(params string[] pairs) =>
        new(pairs.Select(p => p.Split('=', 2)).Select(kv => new SelectorRequirement(kv[0], SelectorOperator.In, [kv[1]])).ToArray());

    public static MetalLbConfig ConfigOf(params Pool[] pools) =>
        new() { Pools = pools.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray() };

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Namespaces(
        params (string Name, IReadOnlyDictionary<string, string> Labels)[] namespaces) =>
        namespaces.ToDictionary(n => n.Name, n => n.Labels, StringComparer.Ordinal);

    public static Allocator NewAllocator(params Pool[] pools) => new(ConfigOf(pools), Namespaces());

    public static IReadOnlyDictionary<string, string> Labels(params string[] pairs) => TestObjects.Labels(pairs);

    /// <summary>A single-stack IPv4 LoadBalancer Service with TCP/80 and no status.</summary>
    public static ServiceInfo Service(string name, string ns = "default") =>
        new(new ObjectMeta { Name = name, Namespace = ns })
        {
            Type = "LoadBalancer",
            ClusterIPs = ["10.96.0.10"],
            IpFamilies = ["IPv4"],
            Ports = [new ServicePort("TCP", 80)],
        };

    public static ServiceInfo V6(this ServiceInfo service) =>
        service with { ClusterIPs = ["fd00::10"], IpFamilies = ["IPv6"] };

    public static ServiceInfo DualStack(this ServiceInfo service, string policy, bool ipv6First = false) =>
        service with
        {
            ClusterIPs = ipv6First ? ["fd00::10", "10.96.0.10"] : ["10.96.0.10", "fd00::10"],
            IpFamilies = ipv6First ? ["IPv6", "IPv4"] : ["IPv4", "IPv6"],
            IpFamilyPolicy = policy,
        };

    public static ServiceInfo Annotated(this ServiceInfo service, params string[] pairs)
    {
        var annotations = new Dictionary<string, string>(service.Metadata.Annotations, StringComparer.Ordinal);
        foreach (var pair in pairs.Select(p => p.Split('=', 2)))
        {
            annotations[pair[0]] = pair[1];
        }

        return service with { Metadata = service.Metadata with { Annotations = annotations } };
    }

    public static ServiceInfo Labelled(this ServiceInfo service, params string[] pairs) =>
        service with { Metadata = service.Metadata with { Labels = Labels(pairs) } };

    public static ServiceInfo Sharing(this ServiceInfo service, string key) =>
        service.Annotated($"{ServiceAnnotations.AllowSharedIP}={key}");

    public static ServiceInfo InPool(this ServiceInfo service, string pool) =>
        service.Annotated($"{ServiceAnnotations.AddressPool}={pool}");

    public static ServiceInfo Requesting(this ServiceInfo service, string ips) =>
        service.Annotated($"{ServiceAnnotations.LoadBalancerIPs}={ips}");

    public static ServiceInfo WithPorts(this ServiceInfo service, params string[] ports) =>
        service with
        {
            Ports = ports.Select(p => p.Split('/')).Select(p => new ServicePort(p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray(),
        };

    public static ServiceInfo Local(this ServiceInfo service, params string[] selector) =>
        service with { ExternalTrafficPolicy = "Local", Selector = Labels(selector) };

    public static ServiceInfo WithIngress(this ServiceInfo service, params string[] ips) => service with { IngressIPs = ips };

    /// <summary>The Service as the adapter would write it back after <paramref name="result"/>.</summary>
    public static ServiceInfo Applied(this ServiceInfo service, AllocationResult result)
    {
        var annotations = new Dictionary<string, string>(service.Metadata.Annotations, StringComparer.Ordinal);
        annotations.Remove(ServiceAnnotations.DeprecatedIPAllocatedFromPool);
        if (result.Pool is null)
        {
            annotations.Remove(ServiceAnnotations.IPAllocatedFromPool);
        }
        else
        {
            annotations[ServiceAnnotations.IPAllocatedFromPool] = result.Pool;
        }

        return service with
        {
            IngressIPs = result.Ips.Select(ip => ip.ToString()).ToArray(),
            Metadata = service.Metadata with { Annotations = annotations },
        };
    }

    public static string[] Texts(this AllocationResult result) => result.Ips.Select(ip => ip.ToString()).ToArray();

    public static string[] Reasons(this AllocationResult result) => result.Events.Select(e => e.Reason).ToArray();

    public static AllocationEvent Event(this AllocationResult result, string reason) =>
        Assert.Single(result.Events, e => e.Reason == reason);

    public static IpAddress Ip(string text) => IpAddress.Parse(text);
}
