using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Announcement;

namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>Keeps every plan and withdrawal published, with its generation.</summary>
internal sealed class RecordingPlanPublisher : IPlanPublisher
{
    public List<(string Service, AnnouncementPlan? Plan, long Generation)> Messages { get; } = [];

    public Task PublishPlanAsync(AnnouncementPlan domainPlan, long generation, CancellationToken cancellationToken)
    {
        Messages.Add((domainPlan.ServiceKey, domainPlan, generation));
        return Task.CompletedTask;
    }

    public Task PublishWithdrawnAsync(string serviceKey, long generation, CancellationToken cancellationToken)
    {
        Messages.Add((serviceKey, null, generation));
        return Task.CompletedTask;
    }
}
