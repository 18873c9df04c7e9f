using MassTransit;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Contracts;
using MetalLb.Contracts.Mapping;
using DomainPlan = MetalLb.Domain.Announcement.AnnouncementPlan;

namespace MetalLb.Allocator.Bus;

/// <summary>Publishes plans and withdrawals on the message bus and keeps the <see cref="PlanLedger"/> in step.</summary>
/// <remarks>
/// The ledger is updated before the publish: it is the desired state, and an announcer that misses a message (a
/// failed publish included) catches up from the digest and a snapshot of the ledger.
/// </remarks>
public sealed class BusPlanPublisher(IBus bus, PlanLedger ledger, ILogger<BusPlanPublisher> logger) : IPlanPublisher
{
    /// <summary>How long one publish may wait for the broker before it counts as failed.</summary>
    public static readonly TimeSpan PublishTimeout = BoundedPublish.Timeout;

    private readonly IPublishEndpoint _publish = bus;

    public IReadOnlyCollection<string> PublishedKeys => ledger.Plans.Select(p => p.ServiceKey).ToArray();

    public async Task PublishPlanAsync(DomainPlan domainPlan, long generation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainPlan);
        var message = AnnouncementPlanMessages.From(domainPlan, generation);
        ledger.Record(message);
        await PublishAsync(message, cancellationToken).ConfigureAwait(false);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var ips = string.Join(",", message.Ips);
            AllocatorLog.PlanPublished(logger, message.ServiceKey, generation, ips, domainPlan.L2 is not null, message.Bgp.Count);
        }
    }

    public async Task PublishWithdrawnAsync(string serviceKey, long generation, CancellationToken cancellationToken)
    {
        ledger.Withdraw(serviceKey);
        await PublishAsync(new AnnouncementWithdrawn(serviceKey, generation), cancellationToken).ConfigureAwait(false);
        AllocatorLog.Withdrawn(logger, serviceKey, generation);
    }

    private Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class => BoundedPublish.PublishAsync(_publish, message, cancellationToken);
}
