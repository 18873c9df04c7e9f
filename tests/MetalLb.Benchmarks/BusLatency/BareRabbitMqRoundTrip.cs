using System.Diagnostics;
using MetalLb.Benchmarks.Cluster;
using MetalLb.TestSupport;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace MetalLb.Benchmarks.BusLatency;

/// <summary>
/// The floor under the RabbitMQ figures: RabbitMQ.Client alone, one connection publishing to the default exchange
/// and another consuming from a temporary queue (auto-ack), one message in flight at a time, sized like the plan
/// message MassTransit sent. With <c>confirms</c> the publish also waits for the broker's confirm, as MassTransit's
/// publish does.
/// </summary>
internal static class BareRabbitMqRoundTrip
{
    public static async Task<LatencySummary> RunAsync(
        RabbitMqFixture broker, int bytes, int warmup, int count, bool confirms, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            UserName = broker.Username,
            Password = broker.Password,
        };
        await using var publisherConnection = await factory.CreateConnectionAsync(cancellationToken);
        await using var consumerConnection = await factory.CreateConnectionAsync(cancellationToken);
        await using var publisher = await publisherConnection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: confirms, publisherConfirmationTrackingEnabled: confirms),
            cancellationToken);
        await using var consumer = await consumerConnection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queue = await consumer.QueueDeclareAsync(
            "", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);

        TaskCompletionSource<long>? arrival = null;
        var receiver = new AsyncEventingBasicConsumer(consumer);
        receiver.ReceivedAsync += (_, _) =>
        {
            Volatile.Read(ref arrival)?.TrySetResult(Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        };
        await consumer.BasicConsumeAsync(queue.QueueName, autoAck: true, receiver, cancellationToken);

        var body = new byte[bytes];
        Random.Shared.NextBytes(body);
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Transient };
        var latencies = new List<double>(count);
        for (var i = 0; i < warmup + count; i++)
        {
            var next = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref arrival, next);
            var start = Stopwatch.GetTimestamp();
            await publisher.BasicPublishAsync("", queue.QueueName, mandatory: false, properties, body, cancellationToken);
            var arrived = await next.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            if (i >= warmup)
            {
                latencies.Add(Stopwatch.GetElapsedTime(start, arrived).TotalMilliseconds);
            }
        }

        return new LatencySummary(latencies);
    }
}
