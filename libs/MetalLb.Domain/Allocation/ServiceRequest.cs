using MetalLb.Domain.Config;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

/// <summary>A Service as the allocator reads it: families, policy, ports, keys, requests and current IPs.</summary>
internal sealed class ServiceRequest
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private ServiceRequest(ServiceInfo service)
    {
        var meta = service.Metadata;
        var annotations = meta.Annotations;
        Key = service.Key;
        Namespace = meta.Namespace ?? "";
        Labels = meta.Labels ?? NoLabels;
        IsLoadBalancer = service.Type == "LoadBalancer";
        ClusterIPs = service.ClusterIPs.Where(ip => ip.Length > 0).ToArray();
        Policy = service.IpFamilyPolicy switch
        {
            "PreferDualStack" => FamilyPolicy.PreferDualStack,
            "RequireDualStack" => FamilyPolicy.RequireDualStack,
            _ => FamilyPolicy.SingleStack,
        };
        PrimaryFamily = service.IpFamilies.Count > 0 && service.IpFamilies[0] == "IPv6" ? IpFamily.V6 : IpFamily.V4;
        Ports = service.Ports
            .Select(p => new ServicePort(string.IsNullOrEmpty(p.Protocol) ? "TCP" : p.Protocol, p.Port))
            .Distinct()
            .ToArray();
        SharingKey = Annotation(annotations, ServiceAnnotations.AllowSharedIP, ServiceAnnotations.DeprecatedAllowSharedIP) ?? "";
        BackendKey = service.ExternalTrafficPolicy == "Local" ? LabelString(service.Selector) : "";
        var pool = Annotation(annotations, ServiceAnnotations.AddressPool, ServiceAnnotations.DeprecatedAddressPool);
        DesiredPool = string.IsNullOrEmpty(pool) ? null : pool;
        RecordedPool = Annotation(annotations, ServiceAnnotations.IPAllocatedFromPool, ServiceAnnotations.DeprecatedIPAllocatedFromPool);
        HasDeprecatedPoolRecord = annotations.ContainsKey(ServiceAnnotations.DeprecatedIPAllocatedFromPool);
        DeprecatedAnnotations = annotations.Keys
            .Where(k => k.StartsWith(ServiceAnnotations.DeprecatedPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Family = ParseClusterFamily(out var familyError);
        FamilyError = familyError;
        DesiredIps = ParseDesired(service, annotations, out var desiredFamily, out var desiredError);
        DesiredFamily = desiredFamily;
        DesiredError = desiredError;
        CurrentIps = ParseCurrent(service.IngressIPs, out var currentError);
        CurrentError = currentError;
    }

    public string Key { get; }

    public string Namespace { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public bool IsLoadBalancer { get; }

    public IReadOnlyList<string> ClusterIPs { get; }

    /// <summary>The family derived from the ClusterIPs, or null when it cannot be (see <see cref="FamilyError"/>).</summary>
    public ServiceFamily? Family { get; }

    public string? FamilyError { get; }

    public FamilyPolicy Policy { get; }

    /// <summary><c>spec.ipFamilies[0]</c>, IPv4 when empty.</summary>
    public IpFamily PrimaryFamily { get; }

    public IpFamily SecondaryFamily => PrimaryFamily == IpFamily.V4 ? IpFamily.V6 : IpFamily.V4;

    public IReadOnlyList<ServicePort> Ports { get; }

    public string SharingKey { get; }

    /// <summary>"" for Cluster; for Local the pod selector as a sorted label string (<c>a=1,b=2</c>).</summary>
    public string BackendKey { get; }

    public string? DesiredPool { get; }

    /// <summary>Requested IPs in the user's order (annotation or <c>spec.loadBalancerIP</c>); empty when none.</summary>
    public IReadOnlyList<IpAddress> DesiredIps { get; }

    public ServiceFamily? DesiredFamily { get; }

    /// <summary>Why the requested IPs cannot be read (unparsable, both fields set, bad family count).</summary>
    public string? DesiredError { get; }

    /// <summary>The IPs in <c>status.loadBalancer.ingress</c>.</summary>
    public IReadOnlyList<IpAddress> CurrentIps { get; }

    public string? CurrentError { get; }

    /// <summary>The <c>ip-allocated-from-pool</c> annotation currently on the Service.</summary>
    public string? RecordedPool { get; }

    public bool HasDeprecatedPoolRecord { get; }

    public IReadOnlyList<string> DeprecatedAnnotations { get; }

    public static ServiceRequest From(ServiceInfo service) => new(service);

    /// <summary>The family of 1 or 2 IPs: one family, or dual for one of each; null (with a reason) otherwise.</summary>
    public static ServiceFamily? FamilyOf(IReadOnlyList<IpAddress> ips, out string? error)
    {
        error = null;
        switch (ips.Count)
        {
            case 1:
                return ips[0].IsV4 ? ServiceFamily.V4 : ServiceFamily.V6;
            case 2 when ips[0].Family != ips[1].Family:
                return ServiceFamily.DualStack;
            case 2:
                error = $"{AllocationMessages.List(ips)} are both {AllocationMessages.Name(ips[0].Family)}";
                return null;
            case 0:
                error = "no IPs";
                return null;
            default:
                error = $"more than two IPs {AllocationMessages.List(ips)}";
                return null;
        }
    }

    private static string? Annotation(IReadOnlyDictionary<string, string> annotations, string stable, string deprecated)
    {
        if (annotations.TryGetValue(stable, out var value))
        {
            return value;
        }

        return annotations.TryGetValue(deprecated, out var old) ? old : null;
    }

    private static string LabelString(IReadOnlyDictionary<string, string>? selector) =>
        selector is null
            ? ""
            : string.Join(",", selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private ServiceFamily? ParseClusterFamily(out string? error)
    {
        error = null;
        if (ClusterIPs.Count == 0)
        {
            return null;
        }

        var ips = new List<IpAddress>(ClusterIPs.Count);
        foreach (var text in ClusterIPs)
        {
            if (!IpAddress.TryParse(text, out var ip))
            {
                error = $"invalid ClusterIP \"{text}\"";
                return null;
            }

            ips.Add(ip);
        }

        return FamilyOf(ips, out error);
    }

    private static IpAddress[] ParseDesired(
        ServiceInfo service, IReadOnlyDictionary<string, string> annotations, out ServiceFamily? family, out string? error)
    {
        family = null;
        error = null;
        var name = annotations.ContainsKey(ServiceAnnotations.LoadBalancerIPs) || !annotations.ContainsKey(ServiceAnnotations.DeprecatedLoadBalancerIPs)
            ? ServiceAnnotations.LoadBalancerIPs
            : ServiceAnnotations.DeprecatedLoadBalancerIPs;
        var list = Annotation(annotations, ServiceAnnotations.LoadBalancerIPs, ServiceAnnotations.DeprecatedLoadBalancerIPs) ?? "";
        var field = service.LoadBalancerIP ?? "";
        if (list.Length == 0 && field.Length == 0)
        {
            return [];
        }

        if (list.Length > 0 && field.Length > 0)
        {
            error = $"service can not have both {ServiceAnnotations.LoadBalancerIPs} and svc.Spec.LoadBalancerIP ({name} \"{list}\", spec.loadBalancerIP \"{field}\")";
            return [];
        }

        if (list.Length == 0)
        {
            if (!IpAddress.TryParse(field, out var single))
            {
                error = $"invalid spec.loadBalancerIP \"{field}\"";
                return [];
            }

            family = single.IsV4 ? ServiceFamily.V4 : ServiceFamily.V6;
            return [single];
        }

        var ips = new List<IpAddress>();
        foreach (var item in list.Split(','))
        {
            if (!IpAddress.TryParse(item.Trim(), out var ip))
            {
                error = $"invalid {name}: \"{list}\"";
                return [];
            }

            ips.Add(ip);
        }

        family = FamilyOf(ips, out var familyError);
        if (family is null)
        {
            error = $"invalid {name} \"{list}\": at most one IPv4 and one IPv6 address may be requested ({familyError})";
            return [];
        }

        return [.. ips];
    }

    private static IpAddress[] ParseCurrent(IReadOnlyList<string> ingress, out string? error)
    {
        error = null;
        var ips = new List<IpAddress>(ingress.Count);
        foreach (var text in ingress)
        {
            if (text.Length == 0)
            {
                continue;
            }

            if (!IpAddress.TryParse(text, out var ip))
            {
                error = $"invalid ingress IP \"{text}\"";
                return [];
            }

            ips.Add(ip);
        }

        return [.. ips];
    }
}
