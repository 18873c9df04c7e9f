using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using static MetalLb.Domain.Tests.Allocation.AllocationFixtures;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>METALLB-SPEC §3.6: pool changes drop exactly the allocations that no longer fit.</summary>
public class AllocatorConfigChangeTests
{
    private static (Allocator Allocator, Dictionary<string, ServiceInfo> Services) Allocated(
        Pool[] pools, params ServiceInfo[] services)
    {
        var allocator = NewAllocator(pools);
        var applied = new Dictionary<string, ServiceInfo>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var result = allocator.Converge(service);
            Assert.NotEmpty(result.Ips);
            applied[service.Key] = service.Applied(result);
        }

        return (allocator, applied);
    }

    [Fact]
    public void SetConfig_PoolShrunk_DropsOnlyAllocationsThatFellOut()
    {
        var (allocator, _) = Allocated(
            [Pool("a", "1.2.3.0/24"), Pool("b", "5.6.7.0/24")],
            Service("low").Requesting("1.2.3.10"),
            Service("high").Requesting("1.2.3.200"),
            Service("other").Requesting("5.6.7.8"));

        var change = allocator.SetConfig(ConfigOf(Pool("a", "1.2.3.0/25"), Pool("b", "5.6.7.0/24")), Namespaces());

        var dropped = Assert.Single(change.Dropped);
        Assert.Equal("default/high", dropped.ServiceKey);
        Assert.Equal(DropReason.AddressesRemoved, dropped.Reason);
        Assert.Equal("[1.2.3.200] no longer fit in pool \"a\"", dropped.Message);
        Assert.Empty(change.Renamed);
        Assert.Equal(["default/high", "default/low"], change.ServicesToReprocess);
        Assert.Equal(["1.2.3.10"], allocator.IpsOf("default/low").Select(ip => ip.ToString()));
        Assert.Equal(["5.6.7.8"], allocator.IpsOf("default/other").Select(ip => ip.ToString()));
        Assert.Empty(allocator.IpsOf("default/high"));
    }

    [Fact]
    public void SetConfig_ThenConvergeDropped_ClearsAndReallocates()
    {
        var (allocator, services) = Allocated([Pool("a", "1.2.3.0/24")], Service("s").InPool("a"), Service("t").InPool("a"));

        var change = allocator.SetConfig(ConfigOf(Pool("a", "1.2.3.1/32", "1.2.3.2/31")), Namespaces());
        var s = allocator.Converge(services["default/s"]);

        Assert.Equal(["default/s"], change.Dropped.Select(d => d.ServiceKey));
        Assert.Equal(["ClearAssignment", "IPAllocated"], s.Reasons());
        Assert.Equal(["1.2.3.2"], s.Texts());
    }

    [Fact]
    public void SetConfig_PoolDeleted_DropsItsAllocationsOnly()
    {
        var (allocator, _) = Allocated([Pool("a", "1.2.3.0/24"), Pool("b", "5.6.7.0/24")], Service("s").InPool("a"), Service("t").InPool("b"));

        var change = allocator.SetConfig(ConfigOf(Pool("b", "5.6.7.0/24")), Namespaces());

        var dropped = Assert.Single(change.Dropped);
        Assert.Equal(DropReason.PoolDeleted, dropped.Reason);
        Assert.Equal("pool \"a\" was deleted and no pool holds [1.2.3.0]", dropped.Message);
        Assert.Equal(["5.6.7.0"], allocator.IpsOf("default/t").Select(ip => ip.ToString()));
    }

    [Fact]
    public void SetConfig_LastPoolDeleted_DropsEveryAllocationAndServicesAreCleared()
    {
        var (allocator, services) = Allocated([Pool("a", "1.2.3.0/24")], Service("s"), Service("t"), Service("u"));

        var change = allocator.SetConfig(ConfigOf(), Namespaces());
        var results = allocator.Restore(services.Values);

        Assert.Equal(["default/s", "default/t", "default/u"], change.Dropped.Select(d => d.ServiceKey));
        Assert.All(change.Dropped, d => Assert.Equal(DropReason.PoolDeleted, d.Reason));
        Assert.All(results, r => Assert.Equal(AllocationOutcome.Cleared, r.Outcome));
        Assert.All(results, r => Assert.True(r.StatusChanged));
    }

    [Fact]
    public void SetConfig_PoolRenamed_KeepsIpAndRecordsNewName()
    {
        var (allocator, services) = Allocated([Pool("old", "1.2.3.0/24")], Service("s"));

        var change = allocator.SetConfig(ConfigOf(Pool("new", "1.2.3.0/24")), Namespaces());
        var result = allocator.Converge(services["default/s"]);

        Assert.Empty(change.Dropped);
        var renamed = Assert.Single(change.Renamed);
        Assert.Equal(("default/s", "old", "new"), (renamed.ServiceKey, renamed.PreviousPool, renamed.Pool));
        Assert.Equal(["1.2.3.0"], renamed.Ips.Select(ip => ip.ToString()));
        Assert.Equal(AllocationOutcome.Unchanged, result.Outcome);
        Assert.Equal("new", result.Pool);
        Assert.True(result.StatusChanged);
    }

    [Fact]
    public void SetConfig_PoolSplit_KeepsEachIpUnderItsNewPool()
    {
        var (allocator, _) = Allocated([Pool("big", "1.2.3.0/24")], Service("s").Requesting("1.2.3.10"), Service("t").Requesting("1.2.3.200"));

        var change = allocator.SetConfig(ConfigOf(Pool("big", "1.2.3.0/25"), Pool("upper", "1.2.3.128/25")), Namespaces());

        Assert.Empty(change.Dropped);
        Assert.Equal([("default/t", "big", "upper")], change.Renamed.Select(r => (r.ServiceKey, r.PreviousPool, r.Pool)));
        Assert.Equal(1, allocator.Usage("big").V4.AssignedInt64);
        Assert.Equal(1, allocator.Usage("upper").V4.AssignedInt64);
    }

    [Fact]
    public void SetConfig_AvoidBuggyIPsTurnedOn_DropsOnlyDotZeroAndDot255()
    {
        var (allocator, _) = Allocated(
            [Pool("a", "1.2.3.0/24")],
            Service("zero").Requesting("1.2.3.0"),
            Service("one").Requesting("1.2.3.1"),
            Service("last").Requesting("1.2.3.255"));

        var change = allocator.SetConfig(ConfigOf(Pool("a", "1.2.3.0/24").AvoidingBuggyIPs()), Namespaces());

        Assert.Equal(["default/last", "default/zero"], change.Dropped.Select(d => d.ServiceKey));
        Assert.All(change.Dropped, d => Assert.Equal(DropReason.AvoidBuggyIPs, d.Reason));
        Assert.Equal("pool \"a\" now has avoidBuggyIPs and 1.2.3.0 ends in .0 or .255", change.Dropped[1].Message);
        Assert.Equal(["1.2.3.1"], allocator.IpsOf("default/one").Select(ip => ip.ToString()));
    }

    [Fact]
    public void SetConfig_AvoidBuggyIPsTurnedOff_DropsNothingAndNextIpIsLowest()
    {
        var (allocator, _) = Allocated([Pool("a", "1.2.3.0/24").AvoidingBuggyIPs()], Service("s"));

        var change = allocator.SetConfig(ConfigOf(Pool("a", "1.2.3.0/24")), Namespaces());
        var next = allocator.Converge(Service("t"));

        Assert.Empty(change.Dropped);
        Assert.Equal(["1.2.3.0"], next.Texts());
    }

    [Fact]
    public void SetConfig_DualStackPoolBecomesSingleStack_DropsBothIpsOfDualServices()
    {
        var (allocator, services) = Allocated(
            [Pool("p", "1.2.3.0/24", "2001:db8::/64")],
            Service("dual").DualStack("RequireDualStack"),
            Service("v4"));

        var change = allocator.SetConfig(ConfigOf(Pool("p", "1.2.3.0/24")), Namespaces());
        var reconverged = allocator.Converge(services["default/dual"]);

        var dropped = Assert.Single(change.Dropped);
        Assert.Equal(DropReason.FamilyRemoved, dropped.Reason);
        Assert.Equal("pool \"p\" no longer has IPv6 addresses, so default/dual loses both [1.2.3.0 2001:db8::]", dropped.Message);
        Assert.Equal(["1.2.3.1"], allocator.IpsOf("default/v4").Select(ip => ip.ToString()));
        Assert.Equal(AllocationOutcome.Failed, reconverged.Outcome);
        Assert.Equal(["ClearAssignment", "AllocationFailed"], reconverged.Reasons());
    }

    [Fact]
    public void SetConfig_ServiceAllocationNoLongerAdmitsService_DropsIt()
    {
        var (allocator, _) = Allocated(
            [Pool("team", "1.2.3.0/24").Pinned(namespaces: ["default", "shop"])],
            Service("s"),
            Service("t", ns: "shop"));

        var change = allocator.SetConfig(ConfigOf(Pool("team", "1.2.3.0/24").Pinned(namespaces: ["shop"])), Namespaces());

        var dropped = Assert.Single(change.Dropped);
        Assert.Equal(("default/s", DropReason.PoolIncompatible), (dropped.ServiceKey, dropped.Reason));
        Assert.Equal(
            "pool team no longer admits default/s: namespace \"default\" is not in its namespaces or namespaceSelectors",
            dropped.Message);
        Assert.Single(allocator.IpsOf("shop/t"));
    }

    [Fact]
    public void SetConfig_NamespaceLabelsChanged_ReChecksNamespaceSelectors()
    {
        var config = ConfigOf(Pool("prod", "1.2.3.0/24").Pinned(namespaceSelectors: [Match("env=prod")]));
        var allocator = new Allocator(config, Namespaces(("shop", Labels("env=prod"))));
        allocator.Converge(Service("s", ns: "shop"));

        var change = allocator.SetConfig(config, Namespaces(("shop", Labels("env=dev"))));

        Assert.Equal(DropReason.PoolIncompatible, Assert.Single(change.Dropped).Reason);
    }

    [Fact]
    public void SetConfig_UnrelatedChange_TouchesNoAllocationAndListsPendingForRetry()
    {
        var (allocator, _) = Allocated([Pool("a", "1.2.3.0/31")], Service("s1"), Service("s2"));
        allocator.Converge(Service("pending"));

        var change = allocator.SetConfig(ConfigOf(Pool("a", "1.2.3.0/31"), Pool("b", "5.6.7.0/24")), Namespaces());
        var retried = allocator.Converge(Service("pending"));

        Assert.Empty(change.Dropped);
        Assert.Empty(change.Renamed);
        Assert.Equal(["default/pending"], change.ServicesToReprocess);
        Assert.Equal(["5.6.7.0"], retried.Texts());
    }

    [Fact]
    public void SetConfig_SameConfigTwice_ReportsNothing()
    {
        var pools = new[] { Pool("a", "1.2.3.0/24").Pinned(priority: 1, namespaces: ["default"]) };
        var (allocator, _) = Allocated(pools, Service("s"));

        var change = allocator.SetConfig(ConfigOf(Pool("a", "1.2.3.0/24").Pinned(priority: 1, namespaces: ["default"])), Namespaces());

        Assert.Empty(change.Dropped);
        Assert.Empty(change.Renamed);
        Assert.Empty(change.ServicesToReprocess);
    }
}
