using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>The parts of a metallb.io object the reader binds: metadata and spec (status is ignored).</summary>
internal sealed class MetalLbDocument<TSpec>
    where TSpec : class
{
    public ObjectMeta? Metadata { get; init; }

    public TSpec? Spec { get; init; }
}
