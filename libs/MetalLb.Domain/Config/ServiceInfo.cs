namespace MetalLb.Domain.Config;

/// <summary>A core/v1 Service, reduced to the fields the allocator and announcers read.</summary>
public sealed record ServiceInfo(ObjectMeta Metadata)
{
    public const string KindName = "Service";

    public string Type { get; init; } = "ClusterIP";

    public IReadOnlyList<string> ClusterIPs { get; init; } = [];

    public IReadOnlyList<string> IpFamilies { get; init; } = [];

    public string? IpFamilyPolicy { get; init; }

    public string? LoadBalancerIP { get; init; }

    public string? LoadBalancerClass { get; init; }

    public string ExternalTrafficPolicy { get; init; } = "Cluster";

    public IReadOnlyList<ServicePort> Ports { get; init; } = [];

    public IReadOnlyDictionary<string, string>? Selector { get; init; }

    /// <summary>The IPs in <c>status.loadBalancer.ingress</c>, in order: the current allocation.</summary>
    public IReadOnlyList<string> IngressIPs { get; init; } = [];

    public string Key => $"{Metadata.Namespace}/{Metadata.Name}";
}
