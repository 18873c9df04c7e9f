using MassTransit;
using MetalLb.Contracts;
using MetalLb.Layer2.Responder;

namespace MetalLb.Announcer.Layer2;

/// <summary>Reports another station claiming one of our IPs to the allocator, at most once per IP and MAC a minute.</summary>
internal sealed partial class ConflictReporter(IBus bus, PcapDataPlane dataPlane, Hosting.Announcing.Membership membership, TimeProvider timeProvider, ILogger<ConflictReporter> logger)
    : IHostedService
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    private readonly Dictionary<(string Ip, string Mac), DateTimeOffset> _reported = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        dataPlane.Conflict += OnConflict;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        dataPlane.Conflict -= OnConflict;
        return Task.CompletedTask;
    }

    private void OnConflict(L2Conflict conflict)
    {
        var key = (conflict.Ip.ToString(), conflict.ForeignMac.ToString());
        var now = timeProvider.GetUtcNow();
        lock (_reported)
        {
            if (_reported.TryGetValue(key, out var at) && now - at < Quiet)
            {
                return;
            }

            _reported[key] = now;
        }

        LogConflict(logger, key.Item1, key.Item2, conflict.Interface, conflict.Evidence);
        var message = new AddressConflictDetected(membership.Self, key.Item1, key.Item2, conflict.Interface, conflict.Evidence);
        _ = PublishAsync(message);
    }

    private async Task PublishAsync(AddressConflictDetected message)
    {
        try
        {
            await bus.Publish(message).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, message.Ip);
        }
    }

    [LoggerMessage(EventId = 810, Level = LogLevel.Warning, Message = "{Ip} is claimed by another station too: {Mac} sent a {Evidence} on {Interface}")]
    private static partial void LogConflict(ILogger logger, string ip, string mac, string @interface, string evidence);

    [LoggerMessage(EventId = 811, Level = LogLevel.Warning, Message = "Reporting the conflict on {Ip} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string ip);
}
