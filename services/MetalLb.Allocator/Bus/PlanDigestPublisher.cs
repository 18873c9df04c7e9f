using MassTransit;
using MetalLb.Allocator.Reconciliation;

namespace MetalLb.Allocator.Bus;

/// <summary>
/// Publishes the ledger's <c>PlanDigest</c> every <see cref="AllocatorOptions.DigestInterval"/> while leading, and the
/// <c>BgpPeerSetDigest</c> once every node has its peer set (when a <see cref="PeerSetLedger"/> is given).
/// </summary>
public sealed class PlanDigestPublisher(
    IBus bus,
    PlanLedger ledger,
    ILeadership leadership,
    AllocatorOptions options,
    TimeProvider timeProvider,
    ILogger<PlanDigestPublisher> logger,
    PeerSetLedger? peerSets = null)
    : BackgroundService
{
    private readonly IPublishEndpoint _publish = bus;
    private long _published;

    /// <summary>Digests published so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.DigestInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            if (!leadership.IsAuthoritative)
            {
                continue;
            }

            try
            {
                await _publish.Publish(ledger.Digest(), stoppingToken).ConfigureAwait(false);
                if (peerSets is { IsComplete: true })
                {
                    await _publish.Publish(peerSets.Digest(), stoppingToken).ConfigureAwait(false);
                }

                Interlocked.Increment(ref _published);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                AllocatorLog.DigestFailed(logger, ex);
            }
        }
    }
}
