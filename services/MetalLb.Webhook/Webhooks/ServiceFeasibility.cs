using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Webhook.Webhooks;

/// <summary>
/// Asks the allocator whether a Service can get what it requests: an allocator is built from the current
/// configuration, the other Services are restored into it, and the incoming Service is converged.
/// </summary>
/// <remarks>
/// A request for specific IPs or a specific pool that fails is denied with the allocator's reason (it can never be met,
/// or conflicts with a Service that holds the IP now). Running out of addresses is not a reason to refuse a Service:
/// it waits, as it would in MetalLB, and the user is told so.
/// </remarks>
public static class ServiceFeasibility
{
    private const string DefaultNamespace = "default";
    private const string NoCapacity = "no available IPs";

    public static ServiceVerdict Check(ConfigSource snapshot, MetalLbConfig config, ServiceInfo service, string? loadBalancerClass)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(service);
        if (config.Pools.Count == 0)
        {
            return ServiceVerdict.Warn("no IPAddressPool is configured: the Service stays pending until one is");
        }

        var candidate = WithPlaceholderClusterIPs(WithNamespace(service));
        var allocator = new Allocator(config, NamespaceLabels(snapshot), loadBalancerClass);
        allocator.Restore(snapshot.Services.Select(WithNamespace).Where(s => s.Key != candidate.Key));
        var result = allocator.Converge(candidate);
        if (result.Outcome != AllocationOutcome.Failed || result.Error is not { } error)
        {
            return ServiceVerdict.Feasible;
        }

        if (error.StartsWith(NoCapacity, StringComparison.Ordinal))
        {
            return ServiceVerdict.Warn($"no free IP now: {error} — the Service stays pending until one is released");
        }

        return Requests(service)
            ? ServiceVerdict.Deny(error, result.FailureReason ?? AllocationFailure.NoAvailableIps)
            : ServiceVerdict.Warn($"MetalLB cannot give this Service an IP now: {error}");
    }

    /// <summary>True when the Service asks for specific IPs or a specific pool.</summary>
    public static bool Requests(ServiceInfo service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var annotations = service.Metadata.Annotations;
        return !string.IsNullOrEmpty(service.LoadBalancerIP)
            || HasValue(annotations, ServiceAnnotations.LoadBalancerIPs)
            || HasValue(annotations, ServiceAnnotations.DeprecatedLoadBalancerIPs)
            || HasValue(annotations, ServiceAnnotations.AddressPool)
            || HasValue(annotations, ServiceAnnotations.DeprecatedAddressPool);
    }

    private static bool HasValue(IReadOnlyDictionary<string, string> annotations, string key) =>
        annotations.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value);

    private static Dictionary<string, IReadOnlyDictionary<string, string>> NamespaceLabels(ConfigSource snapshot)
    {
        var labels = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var ns in snapshot.Namespaces)
        {
            labels[ns.Metadata.Name] = ns.Metadata.Labels;
        }

        return labels;
    }

    private static ServiceInfo WithNamespace(ServiceInfo service) =>
        service.Metadata.Namespace is null
            ? service with { Metadata = service.Metadata with { Namespace = DefaultNamespace } }
            : service;

    /// <summary>
    /// The API server allocates ClusterIPs before validating admission, so a LoadBalancer Service normally has them.
    /// Should one arrive without, stand-in addresses of its <c>spec.ipFamilies</c> (IPv4 when unset) let the
    /// allocator still judge the family of what it asks for; they are never written anywhere.
    /// </summary>
    private static ServiceInfo WithPlaceholderClusterIPs(ServiceInfo service)
    {
        if (service.ClusterIPs.Count > 0)
        {
            return service;
        }

        var families = service.IpFamilies.Count > 0 ? service.IpFamilies : ["IPv4"];
        return service with { ClusterIPs = [.. families.Select(f => f == "IPv6" ? "2001:db8::1" : "192.0.2.1").Distinct()] };
    }
}
