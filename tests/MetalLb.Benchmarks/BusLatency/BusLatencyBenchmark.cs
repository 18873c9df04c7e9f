using MetalLb.Benchmarks.Cluster;
using MetalLb.TestSupport;

namespace MetalLb.Benchmarks.BusLatency;

/// <summary>
/// <c>bus-latency</c>: how long a new LoadBalancer Service takes from the allocator's watch to an announcer's
/// consumer. Starts a real kube-apiserver (and etcd) and a real RabbitMQ, runs the real allocator (leader election
/// off) with (a) the in-memory bus, consumer in the same process, and (b) RabbitMQ, announcer on its own bus; then
/// (c) RabbitMQ.Client alone as the floor. Prints p50/p99 per segment.
/// </summary>
internal static class BusLatencyBenchmark
{
    public const string Mode = "bus-latency";
    public const string InMemory = "in-memory";
    public const string RabbitMq = "RabbitMQ";

    /// <summary>A /16 from the benchmarking range (RFC 2544), far more addresses than Services created.</summary>
    private const string PoolAddresses = "198.18.0.0/16";

    private const int Nodes = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BusLatencyOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }

        return await ModeRunner.RunAsync(Mode, options.OutFile, token => MeasureAsync(options, token));
    }

    private static async Task<string> MeasureAsync(BusLatencyOptions options, CancellationToken cancellationToken)
    {
        ModeRunner.Log(Mode, "starting kube-apiserver + etcd and RabbitMQ");
        var broker = new RabbitMqFixture();
        try
        {
            var brokerStart = broker.InitializeAsync();
            await using var cluster = await BenchCluster.StartAsync(PoolAddresses, Nodes, cancellationToken);
            await brokerStart.WaitAsync(cancellationToken);
            if (broker.SkipReason is { } reason)
            {
                throw new InvalidOperationException(reason);
            }

            var inMemory = await TransportRun.RunAsync(InMemory, cluster, null, "mem", options, cancellationToken);
            Log(inMemory);
            var rabbit = await TransportRun.RunAsync(RabbitMq, cluster, broker, "rmq", options, cancellationToken);
            Log(rabbit);

            var bytes = (int)Math.Max(rabbit.MessageBytes, 1);
            ModeRunner.Log(Mode, $"bare RabbitMQ.Client round trips of {bytes} bytes");
            var floor = await BareRabbitMqRoundTrip.RunAsync(broker, bytes, options.Warmup, options.Services, confirms: false, cancellationToken);
            var floorConfirmed = await BareRabbitMqRoundTrip.RunAsync(broker, bytes, options.Warmup, options.Services, confirms: true, cancellationToken);
            return BusLatencyReport.Format(options, inMemory, rabbit, floor, floorConfirmed, bytes);
        }
        finally
        {
            await broker.DisposeAsync();
        }
    }

    private static void Log(TransportResult result)
    {
        var total = result.Of(Segment.CacheToReceived);
        ModeRunner.Log(Mode, $"{result.Transport}: {total.Count} Services, cache event → plan received p50 {total.P50:0.00} ms, p99 {total.P99:0.00} ms");
    }
}
