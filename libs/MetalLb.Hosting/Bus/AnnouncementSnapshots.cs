using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.Hosting.Bus;

/// <summary>Asks the allocator for every current plan, the way an announcer does on start, reconnect or a digest mismatch.</summary>
public static class AnnouncementSnapshots
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits until the bus is healthy, then requests a snapshot, asking again while no answer comes. Right after a
    /// start or reconnect an answer can be lost (sent before this bus's response queue is bound); asking again is
    /// safe because a snapshot is idempotent.
    /// </summary>
    public static async Task<AnnouncementSnapshot> RequestAsync(IBus bus, string node, CancellationToken cancellationToken = default)
    {
        if (bus is IBusControl control)
        {
            await control.WaitForHealthStatus(BusHealthStatus.Healthy, cancellationToken).ConfigureAwait(false);
        }

        var client = bus.CreateRequestClient<RequestAnnouncementSnapshot>(RequestTimeout.After(s: (int)AttemptTimeout.TotalSeconds));
        while (true)
        {
            try
            {
                var response = await client.GetResponse<AnnouncementSnapshot>(new RequestAnnouncementSnapshot(node), cancellationToken)
                    .ConfigureAwait(false);
                return response.Message;
            }
            catch (RequestTimeoutException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            catch (RequestCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                // MassTransit's own type for a cancelled request: callers stop on OperationCanceledException.
                throw new OperationCanceledException("the snapshot request was cancelled", ex, cancellationToken);
            }
        }
    }
}
