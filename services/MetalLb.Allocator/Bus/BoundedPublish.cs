using MassTransit;

namespace MetalLb.Allocator.Bus;

/// <summary>
/// Publishes with a bounded wait. While RabbitMQ is unreachable MassTransit holds a publish until the connection is
/// back, and the reconcile pass awaiting it would hold every status write and allocation behind it for the whole
/// outage. Timing out turns that into an ordinary publish failure: the pass goes on, and the message, already in a
/// ledger, reaches the announcers through the next digest and a snapshot.
/// </summary>
internal static class BoundedPublish
{
    /// <summary>How long one publish may wait for the broker before it counts as failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task PublishAsync<T>(IPublishEndpoint publish, T message, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await publish.Publish(message, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the broker took no {typeof(T).Name} within {Timeout.TotalSeconds} s", ex);
        }
    }
}
