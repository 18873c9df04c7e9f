using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Announcement;

namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>Keeps every plan and withdrawal published, with its generation.</summary>
internal sealed class RecordingPlanPublisher : IPlanPublisher
{
    public List<(string Service, AnnouncementPlan? Plan, long Generation)> Messages { get; } = [];

    /// <summary>Called with each plan as it is published, before it is recorded.</summary>
    public Action<AnnouncementPlan>? OnPlan { get; set; }

    /// <summary>How many of the next publishes fail (the broker is away).</summary>
    public int FailNext { get; set; }

    public Task PublishPlanAsync(AnnouncementPlan domainPlan, long generation, CancellationToken cancellationToken)
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new TimeoutException("the broker did not take the message within 5 s");
        }

        OnPlan?.Invoke(domainPlan);
        Messages.Add((domainPlan.ServiceKey, domainPlan, generation));
        return Task.CompletedTask;
    }

    public Task PublishWithdrawnAsync(string serviceKey, long generation, CancellationToken cancellationToken)
    {
        Messages.Add((serviceKey, null, generation));
        return Task.CompletedTask;
    }
}
