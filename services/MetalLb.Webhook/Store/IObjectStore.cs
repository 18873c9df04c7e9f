using MetalLb.Domain.Config;

namespace MetalLb.Webhook.Store;

/// <summary>
/// The current objects the webhook judges a request against: metallb.io objects, Namespaces, Nodes and Services. An
/// informer-style cache in a cluster, a manifest directory otherwise.
/// </summary>
public interface IObjectStore
{
    /// <summary>The objects as they stand now; a new instance whenever anything changed, never mutated.</summary>
    ConfigSource Snapshot { get; }

    /// <summary>True once the first full read (list) is done; readiness waits for it.</summary>
    bool IsSynced { get; }
}
