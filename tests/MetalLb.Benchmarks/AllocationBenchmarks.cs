using BenchmarkDotNet.Attributes;
using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using static MetalLb.Benchmarks.BenchmarkInputs;
using DomainAllocator = MetalLb.Domain.Allocation.Allocator;

namespace MetalLb.Benchmarks;

/// <summary>
/// Allocating N Services (one per invocation, from an empty allocator) into one IPv4 /15, into 100 pools chosen by
/// service selectors, and into an IPv6 /64; restoring N Services from their status after a restart.
/// </summary>
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    private MetalLbConfig _slash15 = MetalLbConfig.Empty;
    private MetalLbConfig _hundredPools = MetalLbConfig.Empty;
    private MetalLbConfig _slash64 = MetalLbConfig.Empty;
    private ServiceInfo[] _v4 = [];
    private ServiceInfo[] _labelled = [];
    private ServiceInfo[] _v6 = [];
    private ServiceInfo[] _assigned = [];

    [Params(1_000, 10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _slash15 = Config(Pool("p", "10.0.0.0/15"));
        _hundredPools = Config(Enumerable.Range(0, 100)
            .Select(t => Pool($"team-{t}", $"10.{t}.0.0/20", [new LabelSelector { MatchLabels = new Dictionary<string, string> { ["team"] = $"t{t}" } }]))
            .ToArray());
        _slash64 = Config(Pool("v6", "2001:db8::/64"));
        _v4 = Enumerable.Range(0, N).Select(i => Service(i)).ToArray();
        _labelled = Enumerable.Range(0, N)
            .Select(i => Service(i, labels: new Dictionary<string, string> { ["team"] = $"t{i % 100}" }))
            .ToArray();
        _v6 = Enumerable.Range(0, N).Select(i => Service(i, v6: true)).ToArray();

        var allocator = new DomainAllocator(_slash15, NoNamespaces);
        _assigned = _v4.Select(s => s with { IngressIPs = [allocator.Converge(s).Ips[0].ToString()] }).ToArray();
    }

    [Benchmark]
    public int AllocateIntoOneSlash15() => Allocate(_slash15, _v4);

    [Benchmark]
    public int AllocateInto100PoolsWithSelectors() => Allocate(_hundredPools, _labelled);

    [Benchmark]
    public int AllocateIntoIpv6Slash64() => Allocate(_slash64, _v6);

    [Benchmark]
    public int RestoreFromStatus() => new DomainAllocator(_slash15, NoNamespaces).Restore(_assigned).Count;

    private static int Allocate(MetalLbConfig config, ServiceInfo[] services)
    {
        var allocator = new DomainAllocator(config, NoNamespaces);
        var allocated = 0;
        foreach (var service in services)
        {
            allocated += allocator.Converge(service).Ips.Count;
        }

        return allocated;
    }
}
