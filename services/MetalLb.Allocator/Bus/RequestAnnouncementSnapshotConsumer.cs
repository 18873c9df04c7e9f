using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.Allocator.Bus;

/// <summary>Answers an announcer's snapshot request with the ledger; only the leader answers.</summary>
/// <remarks>
/// A follower's ledger is stale, and a new leader's is incomplete until its first full pass, so they stay silent rather
/// than answer wrongly; the requester asks again after its timeout.
/// </remarks>
public sealed class RequestAnnouncementSnapshotConsumer(PlanLedger ledger, ILeadership leadership)
    : IConsumer<RequestAnnouncementSnapshot>
{
    public Task Consume(ConsumeContext<RequestAnnouncementSnapshot> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return leadership.IsAuthoritative ? context.RespondAsync(ledger.Snapshot()) : Task.CompletedTask;
    }
}
