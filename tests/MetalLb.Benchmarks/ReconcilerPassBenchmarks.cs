using BenchmarkDotNet.Attributes;
using MetalLb.Allocator;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Config;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetalLb.Benchmarks;

/// <summary>
/// One allocator reconcile pass with N Services already allocated, the API writes and the bus replaced by no-ops:
/// after one Service changed (its own watch event), and after the IPAddressPool's resourceVersion changed, which is
/// what the allocator's own pool status PATCH causes after every allocation (initial-sync measures it live).
/// </summary>
[MemoryDiagnoser]
public class ReconcilerPassBenchmarks
{
    private DiscardingPorts _ports = null!;
    private AllocatorReconciler _reconciler = null!;
    private ConfigSource _snapshot = null!;
    private int _version;

    [Params(1_000, 10_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ports = new DiscardingPorts();
        _reconciler = new AllocatorReconciler(
            _ports, _ports, _ports, _ports, _ports, new AllocatorOptions(), TimeProvider.System, NullLogger<AllocatorReconciler>.Instance);
        var pool = BenchmarkInputs.Pool("bench", "198.18.0.0/17");
        pool = pool with { Metadata = pool.Metadata with { ResourceVersion = "1" } };
        _snapshot = new ConfigSource
        {
            Pools = [pool],
            L2Advertisements =
            [
                new L2Advertisement(
                    new ObjectMeta { Name = "bench", Namespace = "metallb-system", ResourceVersion = "1" },
                    new L2AdvertisementSpec { IPAddressPools = ["bench"] }),
            ],
            Nodes = [.. Enumerable.Range(0, 3).Select(i => new NodeInfo(new ObjectMeta { Name = $"node-{i}", ResourceVersion = "1" }))],
            Services = [.. Enumerable.Range(0, N).Select(i => WithVersion(BenchmarkInputs.Service(i), "1"))],
        };
        _reconciler.ReconcileAsync(_snapshot, CancellationToken.None).GetAwaiter().GetResult();
        _reconciler.ReconcileAsync(_snapshot, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Benchmark]
    public Task OneServiceChanged()
    {
        var version = $"s{++_version}";
        var services = _snapshot.Services.ToArray();
        var i = _version % services.Length;
        services[i] = WithVersion(services[i], version);
        _snapshot = _snapshot with { Services = services };
        return _reconciler.ReconcileAsync(_snapshot, CancellationToken.None);
    }

    [Benchmark]
    public Task PoolStatusEcho()
    {
        var pool = _snapshot.Pools[0];
        _snapshot = _snapshot with { Pools = [pool with { Metadata = pool.Metadata with { ResourceVersion = $"p{++_version}" } }] };
        return _reconciler.ReconcileAsync(_snapshot, CancellationToken.None);
    }

    private static ServiceInfo WithVersion(ServiceInfo service, string version) =>
        service with { Metadata = service.Metadata with { ResourceVersion = version } };
}
