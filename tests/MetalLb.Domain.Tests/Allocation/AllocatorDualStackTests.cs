using MetalLb.Domain.Allocation;
using static MetalLb.Domain.Tests.Allocation.AllocationFixtures;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>METALLB-SPEC §2.4–§2.5: families from ClusterIPs and <c>ipFamilyPolicy</c>.</summary>
public class AllocatorDualStackTests
{
    [Fact]
    public void Converge_SingleStackServiceOnDualStackPool_GetsOneIpOfItsFamily()
    {
        var allocator = NewAllocator(Pool("dual", "1.2.3.0/24", "2001:db8::/64"));

        var v4 = allocator.Converge(Service("a") with { IpFamilyPolicy = "PreferDualStack" });
        var v6 = allocator.Converge(Service("b").V6());

        Assert.Equal(["1.2.3.0"], v4.Texts());
        Assert.Equal(["2001:db8::"], v6.Texts());
    }

    [Theory]
    [InlineData("RequireDualStack")]
    [InlineData("PreferDualStack")]
    public void Converge_DualStackService_GetsV4ThenV6FromOnePool(string policy)
    {
        var allocator = NewAllocator(Pool("dual", "2001:db8::/64", "1.2.3.0/24"));

        var result = allocator.Converge(Service("s").DualStack(policy, ipv6First: true));

        Assert.Equal(["1.2.3.0", "2001:db8::"], result.Texts());
        Assert.Equal("Assigned IP [1.2.3.0 2001:db8::]", result.Event("IPAllocated").Message);
    }

    [Fact]
    public void Converge_RequireDualStack_NeedsOnePoolWithBothFamilies()
    {
        var allocator = NewAllocator(Pool("a-v4", "1.2.3.0/24"), Pool("b-v6", "2001:db8::/64"));

        var result = allocator.Converge(Service("s").DualStack("RequireDualStack"));

        Assert.Equal(AllocationOutcome.Failed, result.Outcome);
        Assert.Equal("no available IPs (tried pools \"a-v4\", \"b-v6\")", result.Error);
    }

    [Fact]
    public void Converge_RequireDualStackWithOneClusterIp_WarnsNotEnoughClusterIps()
    {
        var allocator = NewAllocator(Pool("dual", "1.2.3.0/24", "2001:db8::/64"));

        var result = allocator.Converge(Service("s") with { IpFamilyPolicy = "RequireDualStack" });

        Assert.Equal(AllocationOutcome.Failed, result.Outcome);
        Assert.Empty(result.Ips);
        var e = result.Event("not enough clusterips");
        Assert.Equal(AllocationEventType.Warning, e.Type);
        Assert.Equal("Service requires dual stack but not enough clusterips [10.96.0.10]", e.Message);
    }

    [Theory]
    [InlineData(false, "1.2.3.0")]
    [InlineData(true, "2001:db8::")]
    public void Converge_PreferDualStackWithoutDualPool_TakesPrimaryFamilyFirst(bool ipv6First, string expected)
    {
        var allocator = NewAllocator(Pool("a-v4", "1.2.3.0/24"), Pool("b-v6", "2001:db8::/64"));

        var result = allocator.Converge(Service("s").DualStack("PreferDualStack", ipv6First));

        Assert.Equal([expected], result.Texts());
    }

    [Fact]
    public void Converge_PreferDualStackWhenPrimaryFamilyExhausted_TakesSecondary()
    {
        var allocator = NewAllocator(Pool("a-v4", "1.2.3.4/32"), Pool("b-v6", "2001:db8::/64"));
        allocator.Converge(Service("taken"));

        var result = allocator.Converge(Service("s").DualStack("PreferDualStack"));

        Assert.Equal(["2001:db8::"], result.Texts());
    }

    [Fact]
    public void Converge_PreferDualStackWithOneIp_AddsMissingFamilyWhenPoolGainsIt()
    {
        var allocator = NewAllocator(Pool("p", "1.2.3.0/24"));
        var service = Service("s").DualStack("PreferDualStack");
        service = service.Applied(allocator.Converge(service));
        allocator.SetConfig(ConfigOf(Pool("p", "1.2.3.0/24", "2001:db8::/64")), Namespaces());

        var result = allocator.Converge(service);

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Equal(["1.2.3.0", "2001:db8::"], result.Texts());
        var e = result.Event("IPAllocated");
        Assert.Equal("Assigned additional IP 2001:db8::", e.Message);
    }

    [Fact]
    public void Converge_PreferDualStackWithOneIp_DoesNotMoveWhenDualPoolAppears()
    {
        var allocator = NewAllocator(Pool("p", "1.2.3.0/24"));
        var service = Service("s").DualStack("PreferDualStack");
        service = service.Applied(allocator.Converge(service));
        allocator.SetConfig(ConfigOf(Pool("p", "1.2.3.0/24"), Pool("dual", "5.6.7.0/24", "2001:db8::/64")), Namespaces());

        var result = allocator.Converge(service);

        Assert.Equal(AllocationOutcome.Unchanged, result.Outcome);
        Assert.Equal(["1.2.3.0"], result.Texts());
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Converge_PreferDualStackAddOnImpossible_EmitsAdditionalAssignFailed()
    {
        var allocator = NewAllocator(Pool("p", "1.2.3.0/24", "2001:db8::/128"));
        allocator.Converge(Service("v6").V6());
        var service = Service("s").DualStack("PreferDualStack");
        service = service.Applied(allocator.Converge(service));

        var result = allocator.Converge(service);

        Assert.Equal(AllocationOutcome.Unchanged, result.Outcome);
        var e = result.Event("AdditionalAssignFailed");
        Assert.Equal(AllocationEventType.Normal, e.Type);
        Assert.Equal("cannot assign additional IP in PreferDualStack: no available IPs in pool \"p\" for IPv6", e.Message);
    }

    [Fact]
    public void Converge_SingleStackServiceHoldingTwoIps_IsReallocatedToOne()
    {
        var allocator = NewAllocator(Pool("dual", "1.2.3.0/24", "2001:db8::/64"));

        var result = allocator.Converge(Service("s").WithIngress("1.2.3.7", "2001:db8::7"));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Equal(["1.2.3.0"], result.Texts());
    }

    [Fact]
    public void Converge_DualStackRequestedFromPoolWithOneFamilyFull_SaysWhichFamily()
    {
        var allocator = NewAllocator(Pool("p", "1.2.3.0/32", "2001:db8::/64"));
        allocator.Converge(Service("taken"));

        var result = allocator.Converge(Service("s").DualStack("RequireDualStack").InPool("p"));

        Assert.Equal(
            "no available IPs in pool \"p\" (dual-stack needs a free IPv4 and a free IPv6 address; IPv4: none, IPv6: free)",
            result.Error);
    }
}
