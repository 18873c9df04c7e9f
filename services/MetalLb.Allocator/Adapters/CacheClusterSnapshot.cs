using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Caching;

namespace MetalLb.Allocator.Adapters;

/// <summary>The object cache as an <see cref="IClusterSnapshot"/>.</summary>
internal sealed class CacheClusterSnapshot(ClusterObjectCache cache) : IClusterSnapshot
{
    public ConfigSource Snapshot => cache.Snapshot;
}
