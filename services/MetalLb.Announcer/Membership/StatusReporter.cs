using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.Announcer.Membership;

/// <summary>Publishes the statuses a convergence changed, for the allocator's ServiceL2Status/ServiceBGPStatus.</summary>
internal sealed class StatusReporter(IBus bus)
{
    public async Task PublishAsync(IReadOnlyList<AnnouncementStatus> statuses, CancellationToken cancellationToken)
    {
        foreach (var status in statuses)
        {
            await bus.Publish(status, cancellationToken).ConfigureAwait(false);
        }
    }
}
