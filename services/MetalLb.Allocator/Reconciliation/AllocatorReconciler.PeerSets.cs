using MetalLb.Domain.Config;

namespace MetalLb.Allocator.Reconciliation;

public sealed partial class AllocatorReconciler
{
    /// <summary>
    /// Publishes the nodes' BGP peer sets once this term's plans are all out: only then does the allocator speak for
    /// the cluster (<see cref="HasPublishedAll"/>). Each set is computed from the whole configuration and every Node,
    /// so it is complete on its own. A failed publish makes the next pass come soon, as a failed plan does.
    /// </summary>
    private async Task PublishPeerSetsAsync(ConfigSource snapshot, CancellationToken cancellationToken)
    {
        if (peerSetPublisher is null || !HasPublishedAll)
        {
            return;
        }

        if (!await peerSetPublisher.PublishAsync(_config!, snapshot, cancellationToken).ConfigureAwait(false))
        {
            HasFailures = true;
        }
    }
}
