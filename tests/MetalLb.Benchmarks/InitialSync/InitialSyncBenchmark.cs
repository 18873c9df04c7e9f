using System.Diagnostics;
using k8s;
using MassTransit;
using MetalLb.Allocator.Bus;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Benchmarks.Cluster;
using MetalLb.Kubernetes.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.Benchmarks.InitialSync;

/// <summary>
/// <c>initial-sync</c>: N LoadBalancer Services (10,000 by default), a pool and a few Nodes are created in a real
/// kube-apiserver first; then the real allocator (in-memory bus, leader election off) starts, and the run measures
/// how long until every Service has its IP in status and its plan published, counting every API request the
/// allocator's client sends by verb and resource. Then a second allocator starts over the same cluster (a restart:
/// every status already written) and is timed the same way, and with all of them present it traces a few new
/// Services one at a time from the cache event to the consumer, as bus-latency does on an empty cluster.
/// </summary>
internal static class InitialSyncBenchmark
{
    public const string Mode = "initial-sync";

    private const string PoolAddresses = "198.18.0.0/17";
    private const int Nodes = 3;
    private const int ListPageSize = 2_000;
    private static readonly TimeSpan ReceiveGrace = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TraceTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = InitialSyncOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }

        return await ModeRunner.RunAsync(Mode, options.OutFile, token => MeasureAsync(options, token));
    }

    private static async Task<string> MeasureAsync(InitialSyncOptions options, CancellationToken cancellationToken)
    {
        ModeRunner.Log(Mode, "starting kube-apiserver + etcd");
        await using var cluster = await BenchCluster.StartAsync(PoolAddresses, Nodes, cancellationToken);
        var createElapsed = await CreateServicesAsync(cluster, options, cancellationToken);
        var first = await SyncAsync(cluster, options, createElapsed, restart: false, cancellationToken);
        var restart = await SyncAsync(cluster, options, createElapsed, restart: true, cancellationToken);
        return InitialSyncReport.Format(options, first, restart);
    }

    private static async Task<TimeSpan> CreateServicesAsync(BenchCluster cluster, InitialSyncOptions options, CancellationToken cancellationToken)
    {
        ModeRunner.Log(Mode, $"creating {options.Services:N0} Services, {options.Parallel} requests at a time");
        var clock = Stopwatch.StartNew();
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Services),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                await cluster.Client.CoreV1.CreateNamespacedServiceAsync(
                    BenchManifests.Service($"svc-{i:d5}"), BenchManifests.ServiceNamespace, cancellationToken: token);
                if (Interlocked.Increment(ref done) % 2_000 == 0)
                {
                    ModeRunner.Log(Mode, $"  {done:N0} created");
                }
            });
        var elapsed = clock.Elapsed;
        ModeRunner.Log(Mode, $"created {options.Services:N0} Services in {elapsed.TotalSeconds:0.0} s ({options.Services / elapsed.TotalSeconds:0} per second)");
        return elapsed;
    }

    /// <summary>
    /// Starts a fresh allocator and waits until every Service's plan is published (and, on a first start, every status
    /// written); then lets it settle, and on a restart traces <see cref="InitialSyncOptions.TracedServices"/> new ones.
    /// </summary>
    private static async Task<SyncResult> SyncAsync(
        BenchCluster cluster, InitialSyncOptions options, TimeSpan createElapsed, bool restart, CancellationToken cancellationToken)
    {
        var phase = restart ? "restart" : "first start";
        var counter = new CountingHandler { ExpectedStatuses = restart ? int.MaxValue : options.Services };
        using var client = cluster.CreateClient(counter);
        var probe = new PlanProbe();
        var allReceived = probe.ExpectReceived(options.Services);
        IHost? allocator = null;
        HostReceiveEndpointHandle? endpoint = null;
        var created = new List<string>();
        try
        {
            ModeRunner.Log(Mode, $"{phase}: starting the allocator");
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            allocator = BenchHosts.Allocator(client, broker: null, services => services.AddSingleton<IPlanPublisher>(
                sp => new TimedPlanPublisher(sp.GetRequiredService<BusPlanPublisher>(), probe)));
            await allocator.StartAsync(cancellationToken);
            endpoint = await BenchHosts.ConnectAnnouncerAsync(allocator.Services.GetRequiredService<IBus>(), probe, cancellationToken);
            var worker = allocator.Services.GetRequiredService<AllocatorWorker>();
            var cache = allocator.Services.GetRequiredService<ClusterObjectCache>();
            await cache.WaitForSyncAsync(cancellationToken);
            var synced = Stopwatch.GetElapsedTime(start);
            ModeRunner.Log(Mode, $"{phase}: cache synced after {synced.TotalSeconds:0.0} s");

            using (Progress(phase, counter, probe, options.Services, cancellationToken))
            {
                var published = PublishedAllAsync(probe, options.Services, cancellationToken);
                var all = restart ? published : Task.WhenAll(counter.AllStatusWritten, published);
                try
                {
                    await all.WaitAsync(options.Timeout, cancellationToken);
                }
                catch (TimeoutException)
                {
                    throw new TimeoutException(
                        $"{phase}: after {options.Timeout.TotalSeconds:0} s only {counter.StatusesWritten:N0} statuses written and {probe.PublishedCount:N0} plans published of {options.Services:N0}");
                }
            }

            var done = Stopwatch.GetElapsedTime(start);
            var requestsAtDone = counter.Snapshot();
            var passesAtDone = worker.Passes;
            ModeRunner.Log(Mode, $"{phase}: done after {done.TotalSeconds:0.0} s; settling {options.Settle.TotalSeconds:0} s");
            await Task.WhenAny(allReceived, Task.Delay(ReceiveGrace, cancellationToken));
            await Task.Delay(options.Settle, cancellationToken);
            var received = allReceived.IsCompletedSuccessfully ? Stopwatch.GetElapsedTime(start, probe.LastReceivedTimestamp) : (TimeSpan?)null;
            var result = new SyncResult
            {
                Services = options.Services,
                CreateElapsed = createElapsed,
                CacheSynced = synced,
                FirstStatus = counter.FirstStatusTimestamp == 0 ? null : Stopwatch.GetElapsedTime(start, counter.FirstStatusTimestamp),
                AllStatus = counter.LastStatusTimestamp == 0 ? null : Stopwatch.GetElapsedTime(start, counter.LastStatusTimestamp),
                FirstPlanPublished = Stopwatch.GetElapsedTime(start, probe.FirstPublishedTimestamp),
                AllPlansPublished = Stopwatch.GetElapsedTime(start, probe.LastPublishedTimestamp),
                AllPlansReceived = received,
                Done = done,
                PassesAtDone = passesAtDone,
                PassesAfterSettle = worker.Passes,
                Settle = options.Settle,
                RequestsAtDone = requestsAtDone,
                RequestsAfterSettle = counter.Snapshot(),
                AllocatedBytes = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore,
                ProcessCpuMs = (long)(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds,
            };
            if (!restart)
            {
                return result with { Verified = await VerifyAsync(cluster, cancellationToken) };
            }

            ModeRunner.Log(Mode, $"{phase}: tracing {options.TracedServices} new Services one after another");
            cache.Changed += () => probe.CacheChanged(cache.Snapshot);
            var before = counter.Snapshot();
            var (publishesBefore, passesBefore) = (probe.PublishCalls, worker.Passes);
            var traces = await ServiceTracer.TraceAsync(
                cluster, probe, "new", InitialSyncOptions.TraceWarmup, options.TracedServices, options.TraceGap, TraceTimeout, created, cancellationToken);
            return result with
            {
                Traces = traces,
                TraceRequests = Difference(counter.Snapshot(), before),
                TracePublishCalls = probe.PublishCalls - publishesBefore,
                TracePasses = worker.Passes - passesBefore,
            };
        }
        finally
        {
            if (endpoint is not null)
            {
                await endpoint.StopAsync(CancellationToken.None);
            }

            await BenchHosts.StopAsync(allocator);
        }
    }

    private static IReadOnlyList<(ApiRequest Request, int Sent, int Failed)> Difference(
        IReadOnlyList<(ApiRequest Request, int Sent, int Failed)> after, IReadOnlyList<(ApiRequest Request, int Sent, int Failed)> before)
    {
        var earlier = before.ToDictionary(x => x.Request);
        return [.. after
            .Select(x => earlier.TryGetValue(x.Request, out var b) ? (x.Request, x.Sent - b.Sent, x.Failed - b.Failed) : x)
            .Where(x => x.Item2 > 0)
            .OrderByDescending(x => x.Item2)];
    }

    /// <summary>Completes once plans for <paramref name="count"/> distinct Services were published (polled: a plan per Service).</summary>
    private static async Task PublishedAllAsync(PlanProbe probe, int count, CancellationToken cancellationToken)
    {
        while (probe.PublishedCount < count)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private static Timer Progress(string phase, CountingHandler counter, PlanProbe probe, int services, CancellationToken cancellationToken) =>
        new(
            _ =>
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    ModeRunner.Log(Mode, $"{phase}:   statuses {counter.StatusesWritten:N0}/{services:N0}, plans published {probe.PublishedCount:N0}, received {probe.ReceivedCount:N0}");
                }
            },
            null,
            TimeSpan.FromSeconds(10),
            TimeSpan.FromSeconds(10));

    /// <summary>Reads every Service back (the benchmark's own client, not counted) and checks the IPs are unique.</summary>
    private static async Task<(int WithIp, int DistinctIps, int Annotated)> VerifyAsync(BenchCluster cluster, CancellationToken cancellationToken)
    {
        var ips = new HashSet<string>(StringComparer.Ordinal);
        int withIp = 0, annotated = 0;
        string? next = null;
        do
        {
            var page = await cluster.Client.CoreV1.ListNamespacedServiceAsync(
                BenchManifests.ServiceNamespace, continueParameter: next, limit: ListPageSize, cancellationToken: cancellationToken);
            foreach (var service in page.Items)
            {
                if (service.Spec.Type != "LoadBalancer")
                {
                    continue;
                }

                var ingress = service.Status?.LoadBalancer?.Ingress ?? [];
                if (ingress.Count == 1)
                {
                    withIp++;
                    ips.Add(ingress[0].Ip);
                }

                if (service.Metadata.Annotations?.ContainsKey("metallb.io/ip-allocated-from-pool") == true)
                {
                    annotated++;
                }
            }

            next = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));
        return (withIp, ips.Count, annotated);
    }
}
