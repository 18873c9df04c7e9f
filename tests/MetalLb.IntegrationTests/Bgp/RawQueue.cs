using System.Threading.Channels;
using MetalLb.TestSupport;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>
/// A queue of the test's own bound to the exchange MassTransit publishes a message type to, read with the plain
/// RabbitMQ client: the bytes exactly as they cross the broker.
/// </summary>
internal sealed class RawQueue : IAsyncDisposable
{
    private readonly Channel<byte[]> _bodies = Channel.CreateUnbounded<byte[]>();
    private readonly List<byte[]> _seen = [];
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>Every body read so far.</summary>
    public IReadOnlyList<byte[]> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>Binds to <paramref name="exchange"/>, which must exist (a consumer of the type declared it).</summary>
    public static async Task<RawQueue> BindAsync(RabbitMqFixture broker, string exchange)
    {
        var queue = new RawQueue();
        var factory = new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            UserName = broker.Username,
            Password = broker.Password,
        };
        queue._connection = await factory.CreateConnectionAsync();
        queue._channel = await queue._connection.CreateChannelAsync();
        await queue._channel.ExchangeDeclarePassiveAsync(exchange);
        var declared = await queue._channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true);
        await queue._channel.QueueBindAsync(declared.QueueName, exchange, routingKey: "");
        var consumer = new AsyncEventingBasicConsumer(queue._channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var body = delivery.Body.ToArray();
            lock (queue._seen)
            {
                queue._seen.Add(body);
            }

            return queue._bodies.Writer.WriteAsync(body).AsTask();
        };
        await queue._channel.BasicConsumeAsync(declared.QueueName, autoAck: true, consumer);
        return queue;
    }

    /// <summary>The next body read that satisfies <paramref name="match"/>.</summary>
    public async Task<byte[]> NextAsync(Func<byte[], bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var body = await _bodies.Reader.ReadAsync(deadline.Token);
            if (match(body))
            {
                return body;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.CloseAsync();
            _channel.Dispose();
        }

        if (_connection is not null)
        {
            await _connection.CloseAsync();
            _connection.Dispose();
        }
    }
}
