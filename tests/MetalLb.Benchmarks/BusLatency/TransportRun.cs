using System.Text.Json;
using k8s;
using MassTransit;
using MetalLb.Allocator.Bus;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Benchmarks.Cluster;
using MetalLb.Kubernetes.Caching;
using MetalLb.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.Benchmarks.BusLatency;

/// <summary>
/// One transport's measurement: a fresh allocator (and, over RabbitMQ, an announcer host with its own bus) against
/// the cluster; Services created one at a time, each traced until its plan reaches the announcer's consumer; then
/// the hosts stop and the Services are deleted, so the next transport starts from the same cluster.
/// </summary>
internal static class TransportRun
{
    private const int DeleteParallelism = 16;

    /// <summary>Runs <paramref name="transport"/>: RabbitMQ when <paramref name="broker"/> is given, else one in-memory bus.</summary>
    public static async Task<TransportResult> RunAsync(
        string transport, BenchCluster cluster, RabbitMqFixture? broker, string prefix, BusLatencyOptions options,
        CancellationToken cancellationToken)
    {
        var probe = new PlanProbe();
        var created = new List<string>();
        using var allocatorClient = cluster.CreateClient();
        IHost? announcer = null;
        IHost? allocator = null;
        HostReceiveEndpointHandle? endpoint = null;
        try
        {
            if (broker is not null)
            {
                announcer = BenchHosts.Announcer(broker, probe);
                await announcer.StartAsync(cancellationToken);
            }

            allocator = BenchHosts.Allocator(allocatorClient, broker, services => services.AddSingleton<IPlanPublisher>(
                sp => new TimedPlanPublisher(sp.GetRequiredService<BusPlanPublisher>(), probe)));
            await allocator.StartAsync(cancellationToken);
            var cache = allocator.Services.GetRequiredService<ClusterObjectCache>();
            await cache.WaitForSyncAsync(cancellationToken);
            var worker = allocator.Services.GetRequiredService<AllocatorWorker>();
            while (worker.Passes == 0)
            {
                await Task.Delay(50, cancellationToken);
            }

            if (broker is null)
            {
                endpoint = await BenchHosts.ConnectAnnouncerAsync(allocator.Services.GetRequiredService<IBus>(), probe, cancellationToken);
            }

            cache.Changed += () => probe.CacheChanged(cache.Snapshot);
            ModeRunner.Log(BusLatencyBenchmark.Mode, $"{transport}: allocator ready; creating {options.Warmup} + {options.Services} Services");
            var traces = await ServiceTracer.TraceAsync(
                cluster, probe, prefix, options.Warmup, options.Services, options.Gap, options.PlanTimeout, created, cancellationToken);
            return new TransportResult(transport, traces, probe.MessageBytes);
        }
        finally
        {
            if (endpoint is not null)
            {
                await endpoint.StopAsync(CancellationToken.None);
            }

            await BenchHosts.StopAsync(allocator);
            await BenchHosts.StopAsync(announcer);
            if (!cancellationToken.IsCancellationRequested)
            {
                await DeleteAsync(cluster, created);
            }
        }
    }

    private static Task DeleteAsync(BenchCluster cluster, IEnumerable<string> names) =>
        Parallel.ForEachAsync(
            names,
            new ParallelOptions { MaxDegreeOfParallelism = DeleteParallelism },
            async (name, token) =>
            {
                try
                {
                    await cluster.Client.CoreV1.DeleteNamespacedServiceAsync(name, BenchManifests.ServiceNamespace, cancellationToken: token);
                }
                catch (JsonException)
                {
                    // 1.20 answers a Service DELETE with a v1 Status, which the typed client cannot read as a
                    // V1Service; the Service is deleted all the same.
                }
            });
}
