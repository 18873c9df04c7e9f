using System.Threading.Channels;
using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.Announcer.Membership;

/// <summary>
/// Publishes the statuses a convergence changed, for the allocator's ServiceL2Status/ServiceBGPStatus, from a queue of
/// its own: whoever converged (the link monitor, a heartbeat) never waits on the broker, which may be unreachable
/// exactly when a link goes down. A status that cannot be published waits and is sent when the bus is back.
/// </summary>
internal sealed partial class StatusReporter(IBus bus, ILogger<StatusReporter> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly Channel<AnnouncementStatus> _queue = Channel.CreateUnbounded<AnnouncementStatus>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the statuses; returns at once.</summary>
    public Task PublishAsync(IReadOnlyList<AnnouncementStatus> statuses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        foreach (var status in statuses)
        {
            _queue.Writer.TryWrite(status);
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var status in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    await bus.Publish(status, stoppingToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPublishFailed(logger, ex, status.ServiceKey);
                    await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }

    [LoggerMessage(EventId = 720, Level = LogLevel.Warning, Message = "Reporting the status of {Service} failed; trying again")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string service);
}
