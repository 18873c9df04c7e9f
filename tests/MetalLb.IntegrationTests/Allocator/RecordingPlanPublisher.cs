using System.Collections.Concurrent;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Announcement;

namespace MetalLb.IntegrationTests.Allocator;

/// <summary>Keeps the plans the allocator publishes (the bus is not wired yet).</summary>
public sealed class RecordingPlanPublisher : IPlanPublisher
{
    public ConcurrentQueue<(AnnouncementPlan? Plan, string Service, long Generation)> Messages { get; } = new();

    public Task PublishPlanAsync(AnnouncementPlan domainPlan, long generation, CancellationToken cancellationToken)
    {
        Messages.Enqueue((domainPlan, domainPlan.ServiceKey, generation));
        return Task.CompletedTask;
    }

    public Task PublishWithdrawnAsync(string serviceKey, long generation, CancellationToken cancellationToken)
    {
        Messages.Enqueue((null, serviceKey, generation));
        return Task.CompletedTask;
    }
}
