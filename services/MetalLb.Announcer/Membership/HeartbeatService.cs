using MassTransit;
using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;
using Microsoft.Extensions.Options;

namespace MetalLb.Announcer.Membership;

/// <summary>
/// Publishes this node's heartbeat every interval, re-judges who is alive four times as often, freezes the view while
/// this node's own bus is unhealthy, and says goodbye on a graceful stop so a planned hand-over is near-instant.
/// </summary>
internal sealed partial class HeartbeatService(
    IBus bus,
    Hosting.Announcing.Membership membership,
    AnnouncerAgent agent,
    StatusReporter reporter,
    IOptions<AnnouncerOptions> options,
    ILogger<HeartbeatService> logger)
    : BackgroundService
{
    private static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _interval = options.Value.HeartbeatInterval;
    private readonly SemaphoreSlim _now = new(0, 1);
    private long _sequence;
    private volatile bool _gone;

    /// <summary>Sends a heartbeat at once (this node's interfaces changed), instead of at the next tick.</summary>
    public void BeatNow()
    {
        try
        {
            if (_now.CurrentCount == 0)
            {
                _now.Release();
            }
        }
        catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Says goodbye (peers count this node gone at once) and sends no heartbeat after it, which would bring the node
    /// back in their views. Called while the bus is still up, after this node stopped answering.
    /// </summary>
    public async Task SayGoodbyeAsync()
    {
        _gone = true;
        using var timeout = new CancellationTokenSource(GoodbyeTimeout);
        try
        {
            await bus.Publish(Heartbeat(goodbye: true), timeout.Token).ConfigureAwait(false);
            LogGoodbye(logger, membership.Self);
        }
        catch (Exception ex)
        {
            LogHeartbeatFailed(logger, ex);
        }
    }

    public override void Dispose()
    {
        _now.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = _interval / 4;
        var next = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var healthy = bus is not IBusControl control || control.CheckHealth().Status == BusHealthStatus.Healthy;
            if (healthy)
            {
                membership.Thaw();
            }
            else if (!membership.IsFrozen)
            {
                membership.Freeze();
                LogFrozen(logger, membership.Self);
            }

            var wasWarm = membership.IsWarm;
            if (membership.Expire())
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var live = string.Join(",", membership.Live);
                    LogViewChanged(logger, membership.Self, live);
                }

                await reporter.PublishAsync(await agent.ConvergeAsync(stoppingToken).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
            }

            // Having just become warm (and claimed what is ours), tell the peers at once, so they let go now.
            if (!wasWarm && membership.IsWarm)
            {
                next = DateTimeOffset.MinValue;
            }

            var now = DateTimeOffset.UtcNow;
            if (healthy && now >= next && !_gone)
            {
                next = now + _interval;
                try
                {
                    await bus.Publish(Heartbeat(goodbye: false), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogHeartbeatFailed(logger, ex);
                }
            }

            if (await _now.WaitAsync(tick, stoppingToken).ConfigureAwait(false))
            {
                next = DateTimeOffset.MinValue;
            }
        }
    }

    private AnnouncerHeartbeat Heartbeat(bool goodbye) =>
        new(membership.Self, Interlocked.Increment(ref _sequence), DateTimeOffset.UtcNow, goodbye, membership.OwnInterfaces, membership.IsWarm);

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "{Node}: live nodes now {Live}")]
    private static partial void LogViewChanged(ILogger logger, string node, string live);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "{Node}: the message bus is unhealthy; keeping the current view of who is alive until it is back")]
    private static partial void LogFrozen(ILogger logger, string node);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Publishing a heartbeat failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "{Node}: said goodbye")]
    private static partial void LogGoodbye(ILogger logger, string node);
}
