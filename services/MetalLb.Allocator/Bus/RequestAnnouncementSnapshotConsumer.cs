using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.Allocator.Bus;

/// <summary>
/// Answers an announcer's snapshot request with the ledger and the requesting node's BGP peer set; only the leader
/// answers.
/// </summary>
/// <remarks>
/// A follower's ledger is stale, and a new leader's is incomplete until its first full pass, so they stay silent rather
/// than answer wrongly; the requester asks again after its timeout. Hosts that publish no peer sets (the lab, L2-only
/// test hosts) register no <see cref="PeerSetLedger"/>; their snapshots carry none.
/// </remarks>
public sealed class RequestAnnouncementSnapshotConsumer(PlanLedger ledger, ILeadership leadership, PeerSetLedger? peerSets = null)
    : IConsumer<RequestAnnouncementSnapshot>
{
    public Task Consume(ConsumeContext<RequestAnnouncementSnapshot> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!leadership.IsAuthoritative)
        {
            return Task.CompletedTask;
        }

        return context.RespondAsync(ledger.Snapshot() with { PeerSet = peerSets?.For(context.Message.Node) });
    }
}
