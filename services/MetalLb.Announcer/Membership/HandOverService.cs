using MassTransit;
using MetalLb.Hosting.Announcing;

namespace MetalLb.Announcer.Membership;

/// <summary>
/// A graceful stop (SIGTERM) as a hand-over: before any service stops — the bus is still up — this node stops
/// answering for its IPs, then says goodbye, so the next node takes over at once and the two never answer together.
/// </summary>
internal sealed class HandOverService(AnnouncerAgent agent, HeartbeatService heartbeats, IBus bus) : IHostedLifecycleService
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(2);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReleaseTimeout);
        var statuses = await agent.StopAsync(timeout.Token).ConfigureAwait(false);
        await heartbeats.SayGoodbyeAsync().ConfigureAwait(false);

        // Directly, not through the status queue, which stops with the host: the allocator must hear that this node
        // no longer announces, or its ServiceL2Status would outlive it.
        try
        {
            foreach (var status in statuses)
            {
                await bus.Publish(status, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Out of time: the next node's reports and the allocator's own view set the statuses right.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
