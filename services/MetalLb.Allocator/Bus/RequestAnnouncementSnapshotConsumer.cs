using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.Allocator.Bus;

/// <summary>Answers an announcer's snapshot request with the ledger; only the leader answers.</summary>
/// <remarks>
/// A follower's ledger is stale, so it stays silent rather than answer wrongly; the requester asks again after its
/// timeout and, with competing consumers on one queue, reaches the leader.
/// </remarks>
public sealed class RequestAnnouncementSnapshotConsumer(PlanLedger ledger, ILeadership leadership)
    : IConsumer<RequestAnnouncementSnapshot>
{
    public Task Consume(ConsumeContext<RequestAnnouncementSnapshot> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return leadership.IsLeader ? context.RespondAsync(ledger.Snapshot()) : Task.CompletedTask;
    }
}
