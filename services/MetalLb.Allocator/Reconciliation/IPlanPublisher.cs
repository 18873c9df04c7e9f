using MetalLb.Domain.Announcement;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>Hands announcement plans to the announcers; the message bus implements it.</summary>
public interface IPlanPublisher
{
    /// <param name="domainPlan">The whole desired announcement of one Service.</param>
    /// <param name="generation">Grows with every change of that Service's plan, so stale messages can be told apart.</param>
    /// <param name="cancellationToken">Cancelled when the host stops or leadership is lost.</param>
    Task PublishPlanAsync(AnnouncementPlan domainPlan, long generation, CancellationToken cancellationToken);

    /// <summary>
    /// The Services the announcers were last told to announce, as far as this publisher knows (an earlier term's
    /// included); a full pass withdraws those the reconciler no longer plans.
    /// </summary>
    IReadOnlyCollection<string> PublishedKeys => [];

    /// <summary>The Service no longer has IPs to announce (deleted, cleared, or given to another class).</summary>
    Task PublishWithdrawnAsync(string serviceKey, long generation, CancellationToken cancellationToken);
}
