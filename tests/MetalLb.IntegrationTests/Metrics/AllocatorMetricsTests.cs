using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Allocation;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Metrics;

/// <summary>The allocator's <c>/metrics</c> after a scripted scenario against a real kube-apiserver.</summary>
[Collection(MetricsAlone.Name)]
public sealed class AllocatorMetricsTests
{
    private const string Namespace = AllocatorCluster.MetalLbNamespace;

    [RootFact]
    public async Task PoolTotals_Usage_Allocations_Failures_AndConfigState_AreExported()
    {
        await using var cluster = await AllocatorCluster.StartAsync();
        // METALLB-SPEC §3.8's examples in documentation ranges: a /24 and a /25 ending in .255 make 384 addresses, 381
        // with avoidBuggyIPs; a /31 starting at .0 and a /127 with avoidBuggyIPs make IPv4 1, IPv6 2, total 3.
        await cluster.ApplyAsync(Pool("alpha", avoidBuggyIps: false, "192.0.2.0/24", "198.51.100.128/25"));
        await cluster.ApplyAsync(Pool("tiny", avoidBuggyIps: true, "203.0.113.0/31", "2001:db8::/127"));
        await cluster.ApplyAsync(AllocatorYaml.Service("web"));
        await cluster.ApplyAsync(AllocatorYaml.Service("api"));
        await cluster.ApplyAsync(AllocatorYaml.Service("pinned", "203.0.113.1"));
        await cluster.ApplyAsync(AllocatorYaml.Service("buggy", "203.0.113.0"));
        await cluster.ApplyAsync(AllocatorYaml.Service("lost", pool: "nowhere"));
        await using var leader = await WebAllocator.StartAsync(cluster.Client, "replica-1");

        var first = await leader.ScrapeUntilAsync(
            m => m.Value(AllocatorMetrics.ServicesAllocated, ("pool", "alpha")) == 2 && m.Value(AllocatorMetrics.ServicesAllocated, ("pool", "tiny")) == 1,
            "web and api in alpha, pinned in tiny");

        Assert.Equal(384, first.Value(AllocatorMetrics.AddressesTotal, ("pool", "alpha")));
        Assert.Equal(384, first.Value(AllocatorMetrics.Ipv4AddressesTotal, ("pool", "alpha")));
        Assert.Equal(0, first.Value(AllocatorMetrics.Ipv6AddressesTotal, ("pool", "alpha")));
        Assert.Equal(3, first.Value(AllocatorMetrics.AddressesTotal, ("pool", "tiny")));
        Assert.Equal(1, first.Value(AllocatorMetrics.Ipv4AddressesTotal, ("pool", "tiny")));
        Assert.Equal(2, first.Value(AllocatorMetrics.Ipv6AddressesTotal, ("pool", "tiny")));
        Assert.Equal(2, first.Value(AllocatorMetrics.AddressesInUse, ("pool", "alpha")));
        Assert.Equal(2, first.Value(AllocatorMetrics.Ipv4AddressesInUse, ("pool", "alpha")));
        Assert.Equal(1, first.Value(AllocatorMetrics.AddressesInUse, ("pool", "tiny")));
        Assert.Equal(0, first.Value(AllocatorMetrics.Ipv6AddressesInUse, ("pool", "tiny")));
        Assert.Equal(2, first.Value(AllocatorMetrics.Allocations, ("pool", "alpha")));
        Assert.Equal(1, first.Value(AllocatorMetrics.Allocations, ("pool", "tiny")));
        Assert.True(first.Value(AllocatorMetrics.AllocationFailures, ("reason", AllocationFailure.PoolNotFound)) >= 1);
        Assert.True(first.Value(AllocatorMetrics.AllocationFailures, ("reason", AllocationFailure.RequestedIpUnavailable)) >= 1);
        Assert.Equal(0, first.Value(AllocatorMetrics.AllocationFailures, ("reason", AllocationFailure.NoAvailableIps)));
        Assert.Equal(AllocationFailure.All.Order(), first.All(AllocatorMetrics.AllocationFailures).Select(s => s.Labels["reason"]).Order());
        Assert.Equal((1, 0), (first.Value(AllocatorMetrics.ConfigLoaded), first.Value(AllocatorMetrics.ConfigStale)));
        Assert.True(first.Value(AllocatorMetrics.Updates) >= 1);
        Assert.Equal(0, first.Value(AllocatorMetrics.UpdateErrors));
        LiveMetrics.AssertMatchesContract(
            first,
            AllocatorMetrics.AddressesTotal, AllocatorMetrics.Ipv4AddressesTotal, AllocatorMetrics.Ipv6AddressesTotal,
            AllocatorMetrics.AddressesInUse, AllocatorMetrics.Ipv4AddressesInUse, AllocatorMetrics.Ipv6AddressesInUse,
            AllocatorMetrics.ServicesAllocated, AllocatorMetrics.ConfigLoaded, AllocatorMetrics.ConfigStale, AllocatorMetrics.Updates,
            AllocatorMetrics.UpdateErrors, AllocatorMetrics.Allocations, AllocatorMetrics.AllocationFailures);

        await cluster.ApplyAsync(Pool("alpha", avoidBuggyIps: true, "192.0.2.0/24", "198.51.100.128/25"));

        var buggy = await leader.ScrapeUntilAsync(
            m => m.Value(AllocatorMetrics.AddressesTotal, ("pool", "alpha")) == 381 && m.Value(AllocatorMetrics.Allocations, ("pool", "alpha")) == 3,
            "alpha with avoidBuggyIPs, the Service on 192.0.2.0 moved");
        Assert.Equal(2, buggy.Value(AllocatorMetrics.AddressesInUse, ("pool", "alpha")));
        Assert.Equal(2, buggy.Value(AllocatorMetrics.ServicesAllocated, ("pool", "alpha")));

        var updates = buggy.Value(AllocatorMetrics.Updates);
        await cluster.ApplyAsync(Pool("clash", avoidBuggyIps: false, "192.0.2.128/25"));

        var stale = await leader.ScrapeUntilAsync(m => m.Value(AllocatorMetrics.ConfigStale) == 1, "an overlapping pool makes the configuration stale");
        Assert.Equal(1, stale.Value(AllocatorMetrics.ConfigLoaded));
        // The pool and its L2Advertisement arrive as two changes; each is validated and refused.
        Assert.True(stale.Value(AllocatorMetrics.UpdateErrors) >= 1);
        Assert.True(stale.Value(AllocatorMetrics.Updates) > updates);
        Assert.Equal(381, stale.Value(AllocatorMetrics.AddressesTotal, ("pool", "alpha")));
        Assert.Empty(stale.All(AllocatorMetrics.AddressesTotal, ("pool", "clash")));

        await cluster.KubectlAsync("delete", "ipaddresspool", "clash", "-n", Namespace);
        await cluster.KubectlAsync("delete", "l2advertisement", "l2-tiny", "-n", Namespace);
        await cluster.KubectlAsync("delete", "ipaddresspool", "tiny", "-n", Namespace);

        var gone = await leader.ScrapeUntilAsync(
            m => m.All(AllocatorMetrics.AddressesTotal, ("pool", "tiny")).Count == 0 && m.Value(AllocatorMetrics.ConfigStale) == 0,
            "tiny's series gone and the configuration valid again");
        foreach (var name in new[] { AllocatorMetrics.Ipv4AddressesTotal, AllocatorMetrics.Ipv6AddressesTotal, AllocatorMetrics.AddressesInUse, AllocatorMetrics.ServicesAllocated })
        {
            Assert.Empty(gone.All(name, ("pool", "tiny")));
        }

        Assert.Equal(381, gone.Value(AllocatorMetrics.AddressesTotal, ("pool", "alpha")));
    }

    private static string Pool(string name, bool avoidBuggyIps, params string[] addresses) => $"""
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata:
          name: {name}
          namespace: {Namespace}
        spec:
          avoidBuggyIPs: {(avoidBuggyIps ? "true" : "false")}
          addresses: [{string.Join(", ", addresses.Select(a => $"\"{a}\""))}]
        ---
        apiVersion: metallb.io/v1beta1
        kind: L2Advertisement
        metadata:
          name: l2-{name}
          namespace: {Namespace}
        spec:
          ipAddressPools: [{name}]
        """;
}
