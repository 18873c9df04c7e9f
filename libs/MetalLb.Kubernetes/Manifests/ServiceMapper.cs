using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>Reads a core/v1 Service into the fields the allocator and announcers use, with Kubernetes' defaults.</summary>
internal static class ServiceMapper
{
    private const string None = "None";

    public static void Read(ObjectContext context)
    {
        if (context.Read<ServiceDocument>() is not { } document)
        {
            return;
        }

        var spec = document.Spec ?? new ServiceSpec();
        var trafficPolicy = string.IsNullOrEmpty(spec.ExternalTrafficPolicy) ? "Cluster" : spec.ExternalTrafficPolicy;
        if (trafficPolicy is not ("Cluster" or "Local"))
        {
            context.Report(new FieldError(
                "spec.externalTrafficPolicy",
                $"unsupported value \"{trafficPolicy}\": supported values: \"Cluster\", \"Local\""));
            return;
        }

        context.Objects.Services.Add(new ServiceInfo(context.Meta(document.Metadata))
        {
            Type = string.IsNullOrEmpty(spec.Type) ? "ClusterIP" : spec.Type,
            ClusterIPs = ClusterIPs(spec),
            IpFamilies = spec.IpFamilies ?? [],
            IpFamilyPolicy = spec.IpFamilyPolicy,
            LoadBalancerIP = spec.LoadBalancerIP,
            LoadBalancerClass = spec.LoadBalancerClass,
            ExternalTrafficPolicy = trafficPolicy,
            Ports = [.. (spec.Ports ?? []).Select(ToPort)],
            Selector = spec.Selector,
            IngressIPs = [.. (document.Status?.LoadBalancer?.Ingress ?? [])
                .Select(i => i.Ip).OfType<string>().Where(ip => ip.Length > 0)],
        });
    }

    private static ServicePort ToPort(ServicePortSpec port) =>
        new(string.IsNullOrEmpty(port.Protocol) ? "TCP" : port.Protocol, port.Port);

    /// <summary>
    /// <c>spec.clusterIPs</c> when set, else <c>spec.clusterIP</c>; headless (<c>None</c>) and empty entries are not
    /// addresses.
    /// </summary>
    private static string[] ClusterIPs(ServiceSpec spec)
    {
        var ips = spec.ClusterIPs is { Count: > 0 } list ? list : spec.ClusterIP is { } single ? [single] : [];
        return [.. ips.Where(ip => ip.Length > 0 && ip != None)];
    }

    private sealed class ServiceDocument
    {
        public ObjectMeta? Metadata { get; init; }

        public ServiceSpec? Spec { get; init; }

        public ServiceStatus? Status { get; init; }
    }

    private sealed class ServiceSpec
    {
        public string? Type { get; init; }

        public string? ClusterIP { get; init; }

        public IReadOnlyList<string>? ClusterIPs { get; init; }

        public IReadOnlyList<string>? IpFamilies { get; init; }

        public string? IpFamilyPolicy { get; init; }

        public string? LoadBalancerIP { get; init; }

        public string? LoadBalancerClass { get; init; }

        public string? ExternalTrafficPolicy { get; init; }

        public IReadOnlyList<ServicePortSpec>? Ports { get; init; }

        public IReadOnlyDictionary<string, string>? Selector { get; init; }
    }

    private sealed class ServicePortSpec
    {
        public string? Protocol { get; init; }

        public int Port { get; init; }
    }

    private sealed class ServiceStatus
    {
        public LoadBalancerStatus? LoadBalancer { get; init; }
    }

    private sealed class LoadBalancerStatus
    {
        public IReadOnlyList<LoadBalancerIngress>? Ingress { get; init; }
    }

    private sealed class LoadBalancerIngress
    {
        public string? Ip { get; init; }
    }
}
