using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Announcement;

namespace MetalLb.Benchmarks.Cluster;

/// <summary>The allocator's real publisher with the probe told when a plan is handed to it and when the publish returns.</summary>
internal sealed class TimedPlanPublisher(IPlanPublisher inner, PlanProbe probe) : IPlanPublisher
{
    public IReadOnlyCollection<string> PublishedKeys => inner.PublishedKeys;

    public async Task PublishPlanAsync(AnnouncementPlan domainPlan, long generation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainPlan);
        probe.Handed(domainPlan.ServiceKey);
        await inner.PublishPlanAsync(domainPlan, generation, cancellationToken);
        probe.Published(domainPlan.ServiceKey);
    }

    public Task PublishWithdrawnAsync(string serviceKey, long generation, CancellationToken cancellationToken) =>
        inner.PublishWithdrawnAsync(serviceKey, generation, cancellationToken);
}
