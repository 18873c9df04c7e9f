using MetalLb.Domain.Allocation;
using static MetalLb.Domain.Tests.Allocation.AllocationFixtures;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>METALLB-SPEC §3.3 (automatic allocation) and §3.3.1 (choosing within a pool).</summary>
public class AllocatorAutomaticTests
{
    [Fact]
    public void Converge_NewService_TakesLowestAddressAndEmitsIpAllocated()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/30"));

        var result = allocator.Converge(Service("web"));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Equal(["1.2.3.0"], result.Texts());
        Assert.Equal("a", result.Pool);
        Assert.True(result.StatusChanged);
        var e = Assert.Single(result.Events);
        Assert.Equal(new AllocationEvent(AllocationEventType.Normal, "IPAllocated", "Assigned IP [1.2.3.0]"), e);
    }

    [Fact]
    public void Converge_ServicesInTurn_FillLowestFreeFirstAndReuseReleasedHole()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/29"));
        foreach (var name in new[] { "s0", "s1", "s2", "s3" })
        {
            allocator.Converge(Service(name));
        }

        allocator.Release("default/s1");
        var result = allocator.Converge(Service("s4"));

        Assert.Equal(["1.2.3.1"], result.Texts());
    }

    [Fact]
    public void Converge_EntriesWalkedInConfiguredOrder_NotAddressOrder()
    {
        var allocator = NewAllocator(Pool("a", "10.0.0.0/31", "1.2.3.4-1.2.3.5"));

        var ips = Enumerable.Range(0, 4).Select(i => allocator.Converge(Service($"s{i}")).Texts()[0]).ToArray();

        Assert.Equal(["10.0.0.0", "10.0.0.1", "1.2.3.4", "1.2.3.5"], ips);
    }

    [Fact]
    public void Converge_WhenPoolExhausted_ReturnsNoAvailableIPsNamingPoolsTried()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.4/32"), Pool("b", "1.2.3.5/32"));
        allocator.Converge(Service("s1"));
        allocator.Converge(Service("s2"));

        var result = allocator.Converge(Service("s3"));

        Assert.Equal(AllocationOutcome.Failed, result.Outcome);
        Assert.Empty(result.Ips);
        Assert.Equal("no available IPs (tried pools \"a\", \"b\")", result.Error);
        var e = result.Event("AllocationFailed");
        Assert.Equal(AllocationEventType.Warning, e.Type);
        Assert.Equal("Failed to allocate IP for \"default/s3\": no available IPs (tried pools \"a\", \"b\")", e.Message);
        Assert.Equal(["default/s3"], allocator.PendingServices);
    }

    [Fact]
    public void Converge_WhenNoPoolIsEligible_SaysSo()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24").Manual());

        var result = allocator.Converge(Service("s"));

        Assert.Equal("no available IPs (no pool is eligible for automatic assignment)", result.Error);
    }

    [Fact]
    public void Converge_AutoAssignFalse_IsNeverUsedAutomatically()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24").Manual(), Pool("b", "5.6.7.0/24"));

        var result = allocator.Converge(Service("s"));

        Assert.Equal("b", result.Pool);
        Assert.Equal(["5.6.7.0"], result.Texts());
    }

    public static TheoryData<int, int, string> Priorities => new()
    {
        { 1, 2, "p1" },
        { 2, 1, "p2" },
        { 5, 0, "p1" },
        { 0, 5, "p2" },
        { -1, 3, "p2" },
        { 3, -1, "p1" },
    };

    [Theory]
    [MemberData(nameof(Priorities))]
    public void Converge_PinnedPools_PositivePriorityAscendingThenZeroOrNegative(int first, int second, string expected)
    {
        var allocator = NewAllocator(
            Pool("p1", "1.1.1.0/24").Pinned(priority: first, namespaces: ["default"]),
            Pool("p2", "2.2.2.0/24").Pinned(priority: second, namespaces: ["default"]));

        var result = allocator.Converge(Service("s"));

        Assert.Equal(expected, result.Pool);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(0, 0)]
    [InlineData(0, -4)]
    public void Converge_EqualPriorities_AreOrderedByPoolName(int zPriority, int aPriority)
    {
        var allocator = NewAllocator(
            Pool("zeta", "1.1.1.0/24").Pinned(priority: zPriority, namespaces: ["default"]),
            Pool("alpha", "2.2.2.0/24").Pinned(priority: aPriority, namespaces: ["default"]));

        var result = allocator.Converge(Service("s"));

        Assert.Equal("alpha", result.Pool);
    }

    [Fact]
    public void Converge_PoolPinnedToNamedNamespaces_DoesNotAdmitAnotherLabelledNamespace()
    {
        var config = ConfigOf(Pool("team-a", "1.1.1.0/24").Pinned(namespaces: ["team-a"]), Pool("shared", "2.2.2.0/24"));
        var allocator = new Allocator(config, Namespaces(("team-a", Labels("team=a")), ("team-b", Labels("team=b"))));

        var result = allocator.Converge(Service("s", "team-b"));

        Assert.Equal("shared", result.Pool);
    }

    [Fact]
    public void Converge_PinnedPoolBeatsFallbackPool_AndFallbackIsUsedWhenPinnedIsFull()
    {
        var allocator = NewAllocator(
            Pool("aaa-fallback", "9.9.9.0/24"),
            Pool("pinned", "1.1.1.1/32").Pinned(namespaces: ["default"]));

        var first = allocator.Converge(Service("s1"));
        var second = allocator.Converge(Service("s2"));

        Assert.Equal("pinned", first.Pool);
        Assert.Equal("aaa-fallback", second.Pool);
    }

    [Fact]
    public void Converge_FallbackPools_AreTriedByName()
    {
        var allocator = NewAllocator(Pool("c", "3.3.3.0/24"), Pool("b", "2.2.2.2/32"), Pool("d", "4.4.4.0/24"));

        var first = allocator.Converge(Service("s1"));
        var second = allocator.Converge(Service("s2"));

        Assert.Equal("b", first.Pool);
        Assert.Equal("c", second.Pool);
    }

    [Fact]
    public void Converge_PoolPinnedToOtherNamespace_IsNeverUsedEvenAsFallback()
    {
        var allocator = NewAllocator(Pool("team-b", "1.1.1.0/24").Pinned(namespaces: ["team-b"]));

        var inOther = allocator.Converge(Service("s", ns: "team-a"));
        var inTeam = allocator.Converge(Service("s", ns: "team-b"));

        Assert.Equal("no available IPs (no pool is eligible for automatic assignment)", inOther.Error);
        Assert.Equal("team-b", inTeam.Pool);
    }

    [Fact]
    public void Converge_NamespaceSelector_MatchesNamespaceLabels()
    {
        var config = ConfigOf(
            Pool("prod", "1.1.1.0/24").Pinned(namespaceSelectors: [Match("env=prod")]),
            Pool("general", "9.9.9.0/24"));
        var allocator = new Allocator(config, Namespaces(("shop", Labels("env=prod")), ("lab", Labels("env=dev"))));

        var shop = allocator.Converge(Service("s", ns: "shop"));
        var lab = allocator.Converge(Service("s", ns: "lab"));
        var unknown = allocator.Converge(Service("s", ns: "nowhere"));

        Assert.Equal("prod", shop.Pool);
        Assert.Equal("general", lab.Pool);
        Assert.Equal("general", unknown.Pool);
    }

    [Fact]
    public void Converge_ServiceSelector_MatchesServiceLabels()
    {
        var allocator = NewAllocator(
            Pool("web", "1.1.1.0/24").Pinned(serviceSelectors: [Match("tier=web")]),
            Pool("general", "9.9.9.0/24"));

        var web = allocator.Converge(Service("w").Labelled("tier=web"));
        var db = allocator.Converge(Service("d").Labelled("tier=db"));

        Assert.Equal("web", web.Pool);
        Assert.Equal("general", db.Pool);
    }

    [Fact]
    public void Converge_NamespaceAndServiceSelector_BothMustMatch()
    {
        var allocator = NewAllocator(
            Pool("narrow", "1.1.1.0/24").Pinned(namespaces: ["shop"], serviceSelectors: [Match("tier=web")]),
            Pool("general", "9.9.9.0/24"));

        var both = allocator.Converge(Service("a", ns: "shop").Labelled("tier=web"));
        var wrongNamespace = allocator.Converge(Service("b", ns: "lab").Labelled("tier=web"));
        var wrongLabels = allocator.Converge(Service("c", ns: "shop").Labelled("tier=db"));

        Assert.Equal("narrow", both.Pool);
        Assert.Equal("general", wrongNamespace.Pool);
        Assert.Equal("general", wrongLabels.Pool);
    }

    [Fact]
    public void Converge_ServiceAllocationWithoutSelectors_IsPinnedForEveryService()
    {
        var allocator = NewAllocator(
            Pool("aaa-fallback", "9.9.9.0/24"),
            Pool("everyone", "1.1.1.0/24").Pinned(priority: 10));

        var result = allocator.Converge(Service("s", ns: "anything"));

        Assert.Equal("everyone", result.Pool);
    }

    [Fact]
    public void Converge_AvoidBuggyIPs_SkipsDotZeroAndDot255AcrossBlocks()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.254-1.2.4.2").AvoidingBuggyIPs());

        var ips = Enumerable.Range(0, 3).Select(i => allocator.Converge(Service($"s{i}")).Texts()[0]).ToArray();
        var exhausted = allocator.Converge(Service("s3"));

        Assert.Equal(["1.2.3.254", "1.2.4.1", "1.2.4.2"], ips);
        Assert.Equal(AllocationOutcome.Failed, exhausted.Outcome);
    }

    [Fact]
    public void Converge_IPv6Service_TakesFromIPv6Range()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24", "2001:db8::/126"));

        var result = allocator.Converge(Service("s").V6());

        Assert.Equal(["2001:db8::"], result.Texts());
    }
}
