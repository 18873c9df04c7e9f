using MassTransit;
using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;

namespace MetalLb.Announcer.Membership;

/// <summary>Peers' heartbeats in; when the view of who is alive changes, the agent converges.</summary>
internal sealed class HeartbeatConsumer(Hosting.Announcing.Membership membership, AnnouncerAgent agent, StatusReporter reporter)
    : IConsumer<AnnouncerHeartbeat>
{
    public async Task Consume(ConsumeContext<AnnouncerHeartbeat> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (membership.Observe(context.Message))
        {
            await reporter.PublishAsync(await agent.ConvergeAsync(context.CancellationToken).ConfigureAwait(false), context.CancellationToken)
                .ConfigureAwait(false);
        }
    }
}
