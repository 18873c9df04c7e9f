using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Announcement;

namespace MetalLb.Allocator.Adapters;

/// <summary>Logs plans instead of sending them; stands in until the message bus is wired.</summary>
internal sealed class LoggingPlanPublisher(ILogger<LoggingPlanPublisher> logger) : IPlanPublisher
{
    public Task PublishPlanAsync(AnnouncementPlan domainPlan, long generation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainPlan);
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return Task.CompletedTask;
        }

        var ips = string.Join(",", domainPlan.Ips);
        AllocatorLog.PlanPublished(logger, domainPlan.ServiceKey, generation, ips, domainPlan.L2 is not null, domainPlan.Bgp.Count);
        return Task.CompletedTask;
    }

    public Task PublishWithdrawnAsync(string serviceKey, long generation, CancellationToken cancellationToken)
    {
        AllocatorLog.Withdrawn(logger, serviceKey, generation);
        return Task.CompletedTask;
    }
}
