using System.Diagnostics.Metrics;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Allocator.Tests.Fakes;
using MetalLb.Domain.Allocation;
using MetalLb.TestSupport.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace MetalLb.Allocator.Tests;

public sealed class AllocatorMetricsTests
{
    [Fact]
    public async Task Leader_ReportsPoolsAllocationsAndFailures()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var h = new ReconcilerHarness();
        _ = new AllocatorMetrics(h.Reconciler, new FakeLeadership(), services.GetRequiredService<IMeterFactory>());
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.12"));
        h.Cluster.Apply(Yaml.Service("a", "10.96.0.1"));
        h.Cluster.Apply(Yaml.Service("b", "10.96.0.2"));
        h.Cluster.Apply(Yaml.Service("c", "10.96.0.3"));
        h.Cluster.Apply(Yaml.Service("d", "10.96.0.4"));

        await h.SettleAsync();
        var values = Observe(services);

        Assert.Equal(3, values[(AllocatorMetrics.AddressesTotal, "blue")]);
        Assert.Equal(3, values[(AllocatorMetrics.AddressesInUse, "blue")]);
        Assert.Equal(3, values[(AllocatorMetrics.ServicesAllocated, "blue")]);
        Assert.Equal(0, values[(AllocatorMetrics.Ipv6AddressesTotal, "blue")]);
        Assert.Equal(3, values[(AllocatorMetrics.Allocations, "blue")]);
        Assert.True(values[(AllocatorMetrics.AllocationFailures, AllocationFailure.NoAvailableIps)] >= 1);
        Assert.Equal(0, values[(AllocatorMetrics.AllocationFailures, AllocationFailure.PoolNotFound)]);
        Assert.Equal(1, values[(AllocatorMetrics.ConfigLoaded, "")]);
        Assert.Equal(1, values[(AllocatorMetrics.Updates, "")]);
    }

    [Fact]
    public async Task Follower_ReportsNoPoolsAndNoConfigurationGauges_ButKeepsItsCounters()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var h = new ReconcilerHarness();
        var leadership = new FakeLeadership();
        _ = new AllocatorMetrics(h.Reconciler, leadership, services.GetRequiredService<IMeterFactory>());
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.12"));
        h.Cluster.Apply(Yaml.Service("a", "10.96.0.1"));
        await h.SettleAsync();

        leadership.IsLeader = false;
        h.Reconciler.Reset();
        var values = Observe(services);

        Assert.DoesNotContain(values.Keys, k => k.Name.StartsWith("metallb_allocator_", StringComparison.Ordinal));
        Assert.DoesNotContain((AllocatorMetrics.ConfigLoaded, ""), values.Keys);
        Assert.DoesNotContain((AllocatorMetrics.ConfigStale, ""), values.Keys);
        Assert.Equal(1, values[(AllocatorMetrics.Allocations, "blue")]);
        Assert.Equal(1, values[(AllocatorMetrics.Updates, "")]);
    }

    [Fact]
    public async Task DeletedPool_LeavesTheReport()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.12") + "\n---\n" + Yaml.Pool("red", "198.51.100.0/30"));
        await h.SettleAsync();
        var before = h.Reconciler.PoolReports.Select(r => r.Usage.Pool).ToArray();

        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.12"));
        await h.SettleAsync();

        Assert.Equal(["blue", "red"], before);
        Assert.Equal(["blue"], h.Reconciler.PoolReports.Select(r => r.Usage.Pool));
    }

    /// <summary>Every measurement of the allocator's meter in this provider, by (instrument, its one label's value or "").</summary>
    private static Dictionary<(string Name, string Label), long> Observe(IServiceProvider services) =>
        MeterReadings.Observe(services.GetRequiredService<IMeterFactory>(), AllocatorTelemetry.SourceName);
}
