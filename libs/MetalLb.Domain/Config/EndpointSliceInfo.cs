namespace MetalLb.Domain.Config;

/// <summary>A discovery.k8s.io EndpointSlice (v1 or v1beta1), reduced to its Service and endpoints.</summary>
public sealed record EndpointSliceInfo(ObjectMeta Metadata)
{
    public const string KindName = "EndpointSlice";

    /// <summary>The owning Service, from the <c>kubernetes.io/service-name</c> label.</summary>
    public string? ServiceName { get; init; }

    public IReadOnlyList<EndpointInfo> Endpoints { get; init; } = [];
}
