using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Model;
using static MetalLb.Benchmarks.BenchmarkInputs;

namespace MetalLb.Benchmarks;

/// <summary>
/// The baseline: MetalLB's way of finding the lowest free address (walk the pool address by address), for the same
/// N Services into the same /15 as <see cref="AllocationBenchmarks.AllocateIntoOneSlash15"/>. Quadratic, so it runs
/// once per size (cold start, a single iteration) rather than BenchmarkDotNet's usual many.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class LinearScanBaselineBenchmarks
{
    private Pool _pool = null!;
    private string[] _keys = [];

    [Params(1_000, 10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pool = Config(BenchmarkInputs.Pool("p", "10.0.0.0/15")).Pools[0];
        _keys = Enumerable.Range(0, N).Select(i => $"default/svc-{i}").ToArray();
    }

    [Benchmark]
    public int LinearScanIntoOneSlash15()
    {
        var allocator = new LinearScanAllocator();
        foreach (var key in _keys)
        {
            allocator.Assign(key, _pool);
        }

        return allocator.Count;
    }
}
