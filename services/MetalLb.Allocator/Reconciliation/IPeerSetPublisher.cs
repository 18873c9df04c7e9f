using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>Sends each node the BGP sessions it must hold; the reconciler calls it after every pass of the leader.</summary>
public interface IPeerSetPublisher
{
    /// <summary>
    /// Publishes the set of every node whose set changed since the last call (its peers, their passwords, the sealing
    /// key, its labels), an empty set for a node that is gone; false when a publish failed (retried on the next call).
    /// </summary>
    Task<bool> PublishAsync(MetalLbConfig config, ConfigSource snapshot, CancellationToken cancellationToken);

    /// <summary>Forgets what was published (the term ended): the next call publishes every node's set again.</summary>
    void Reset();
}
