using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Caching;

namespace MetalLb.Webhook.Store;

/// <summary>The cluster's objects as the webhook sees them: the list/watch cache of <c>MetalLb.Kubernetes</c>.</summary>
public sealed class ClusterObjectStoreAdapter(ClusterObjectCache cache) : IObjectStore
{
    public ClusterObjectCache Cache { get; } = cache;

    public ConfigSource Snapshot => Cache.Snapshot;

    public bool IsSynced => Cache.IsSynced;
}
