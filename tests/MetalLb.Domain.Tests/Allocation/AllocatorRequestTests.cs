using MetalLb.Domain.Allocation;
using static MetalLb.Domain.Tests.Allocation.AllocationFixtures;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>METALLB-SPEC §2.1–§2.2 and §3.3 steps 1–2: requested IPs and requested pools.</summary>
public class AllocatorRequestTests
{
    [Fact]
    public void Converge_RequestedIp_IsAssignedEvenFromManualPool()
    {
        var allocator = NewAllocator(Pool("manual", "1.2.3.0/24").Manual());

        var result = allocator.Converge(Service("s").Requesting("1.2.3.77"));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Equal(["1.2.3.77"], result.Texts());
        Assert.Equal("manual", result.Pool);
    }

    [Fact]
    public void Converge_SpecLoadBalancerIP_IsHonoured()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));

        var result = allocator.Converge(Service("s") with { LoadBalancerIP = "1.2.3.9" });

        Assert.Equal(["1.2.3.9"], result.Texts());
    }

    [Fact]
    public void Converge_RequestedIpsAnnotation_IsTrimmedAndKeepsUserOrder()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24", "2001:db8::/64"));

        var result = allocator.Converge(Service("s").DualStack("RequireDualStack").Requesting(" 2001:db8::5 , 1.2.3.5 "));

        Assert.Equal(["2001:db8::5", "1.2.3.5"], result.Texts());
    }

    [Fact]
    public void Converge_RequestedIpTaken_HasNoFallbackAndStaysPending()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        allocator.Converge(Service("holder").Requesting("1.2.3.4"));

        var result = allocator.Converge(Service("s").Requesting("1.2.3.4"));

        Assert.Equal(AllocationOutcome.Failed, result.Outcome);
        Assert.Empty(result.Ips);
        Assert.Equal("can't share IP 1.2.3.4 with default/holder: service default/holder has no sharing key", result.Error);
        Assert.Equal(["default/s"], allocator.PendingServices);
    }

    [Fact]
    public void Converge_PendingRequestedIp_SucceedsOnceHolderIsReleased()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        allocator.Converge(Service("holder").Requesting("1.2.3.4"));
        allocator.Converge(Service("s").Requesting("1.2.3.4"));

        allocator.Release("default/holder");
        var result = allocator.Converge(Service("s").Requesting("1.2.3.4"));

        Assert.Equal(["1.2.3.4"], result.Texts());
        Assert.Empty(allocator.PendingServices);
    }

    public static TheoryData<string, string> RequestFailures => new()
    {
        { "9.9.9.9", "\"[9.9.9.9]\" is not allowed in config" },
        { "1.2.3.0", "\"[1.2.3.0]\" is not allowed in config (pool \"buggy\" has avoidBuggyIPs and 1.2.3.0 ends in .0 or .255)" },
        { "1.2.3.255", "\"[1.2.3.255]\" is not allowed in config (pool \"buggy\" has avoidBuggyIPs and 1.2.3.255 ends in .0 or .255)" },
        { "2001:db8::1", "requested loadBalancer IP(s) \"[2001:db8::1]\" does not match the ipFamily of the service" },
        { "1.2.3.4,1.2.3.5", "invalid metallb.io/loadBalancerIPs \"1.2.3.4,1.2.3.5\": at most one IPv4 and one IPv6 address may be requested ([1.2.3.4 1.2.3.5] are both IPv4)" },
        { "1.2.3.4,nope", "invalid metallb.io/loadBalancerIPs: \"1.2.3.4,nope\"" },
    };

    [Theory]
    [MemberData(nameof(RequestFailures))]
    public void Converge_InfeasibleRequestedIp_FailsWithReasonNamingIt(string requested, string error)
    {
        var allocator = NewAllocator(Pool("buggy", "1.2.3.0/24").AvoidingBuggyIPs(), Pool("v6", "2001:db8::/64"));

        var result = allocator.Converge(Service("s").Requesting(requested));

        Assert.Equal(AllocationOutcome.Failed, result.Outcome);
        Assert.Equal(error, result.Error);
        Assert.Equal($"Failed to allocate IP for \"default/s\": {error}", result.Event("AllocationFailed").Message);
    }

    [Fact]
    public void Converge_BothRequestFields_IsAnError()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));

        var result = allocator.Converge(Service("s").Requesting("1.2.3.4") with { LoadBalancerIP = "1.2.3.5" });

        Assert.Equal(
            "service can not have both metallb.io/loadBalancerIPs and svc.Spec.LoadBalancerIP "
            + "(metallb.io/loadBalancerIPs \"1.2.3.4\", spec.loadBalancerIP \"1.2.3.5\")",
            result.Error);
    }

    [Fact]
    public void Converge_UnparsableSpecLoadBalancerIP_IsAnError()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));

        var result = allocator.Converge(Service("s") with { LoadBalancerIP = "1.2.3" });

        Assert.Equal("invalid spec.loadBalancerIP \"1.2.3\"", result.Error);
    }

    [Fact]
    public void Converge_UnparsableRequestWhileHoldingIp_KeepsIpAndReportsLoadBalancerFailed()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        var service = Service("s");
        service = service.Applied(allocator.Converge(service));

        var result = allocator.Converge(service with { LoadBalancerIP = "garbage" });

        Assert.Equal(AllocationOutcome.Failed, result.Outcome);
        Assert.Equal(["1.2.3.0"], result.Texts());
        var e = result.Event("LoadBalancerFailed");
        Assert.Equal(AllocationEventType.Warning, e.Type);
        Assert.Equal("invalid requested loadbalancer IPs: invalid spec.loadBalancerIP \"garbage\"", e.Message);
    }

    [Fact]
    public void Converge_RequestedIpOfOtherPoolThanRequestedPool_Fails()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"), Pool("b", "5.6.7.0/24"));

        var result = allocator.Converge(Service("s").Requesting("1.2.3.4").InPool("b"));

        Assert.Equal(
            "requested loadBalancer IP(s) \"[1.2.3.4]\" is not compatible with requested address pool b (they belong to pool \"a\")",
            result.Error);
        Assert.Equal(0, allocator.Usage("a").V4.AssignedInt64);
    }

    [Fact]
    public void Converge_RequestedIpInIncompatiblePool_Fails()
    {
        var allocator = NewAllocator(Pool("team", "1.2.3.0/24").Pinned(namespaces: ["team"]));

        var result = allocator.Converge(Service("s").Requesting("1.2.3.4"));

        Assert.Equal(
            "pool team not compatible for ip assignment: namespace \"default\" is not in its namespaces or namespaceSelectors",
            result.Error);
    }

    [Fact]
    public void Converge_RequestedPool_IgnoresAutoAssignAndTakesItsLowestAddress()
    {
        var allocator = NewAllocator(Pool("auto", "9.9.9.0/24"), Pool("manual", "1.2.3.0/24").Manual());

        var result = allocator.Converge(Service("s").InPool("manual"));

        Assert.Equal(["1.2.3.0"], result.Texts());
        Assert.Equal("manual", result.Pool);
    }

    [Fact]
    public void Converge_RequestedPool_StillChecksServiceSelectors()
    {
        var allocator = NewAllocator(Pool("web", "1.2.3.0/24").Pinned(serviceSelectors: [Match("tier=web")]));

        var result = allocator.Converge(Service("s").Labelled("tier=db").InPool("web"));

        Assert.Equal(
            "pool web not compatible for ip assignment: the service labels match none of its serviceSelectors (tier=web)",
            result.Error);
    }

    [Fact]
    public void Converge_RequestedPoolExhausted_ReturnsNoAvailableIPsInPool()
    {
        var allocator = NewAllocator(Pool("x", "1.2.3.4/32"), Pool("y", "5.6.7.0/24"));
        allocator.Converge(Service("s1").InPool("x"));

        var result = allocator.Converge(Service("s2").InPool("x"));

        Assert.Equal("no available IPs in pool \"x\"", result.Error);
    }

    [Fact]
    public void Converge_RequestedPoolWithoutServiceFamily_SaysWhichFamilyIsMissing()
    {
        var allocator = NewAllocator(Pool("x", "1.2.3.0/24"));

        var result = allocator.Converge(Service("s").V6().InPool("x"));

        Assert.Equal("no available IPs in pool \"x\" (it has no IPv6 addresses)", result.Error);
    }

    [Fact]
    public void Converge_UnknownRequestedPool_Fails()
    {
        var allocator = NewAllocator(Pool("x", "1.2.3.0/24"));

        var result = allocator.Converge(Service("s").InPool("nope"));

        Assert.Equal("unknown pool \"nope\"", result.Error);
    }

    [Fact]
    public void Converge_PoolAnnotationChanged_MovesServiceToNewPool()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"), Pool("b", "5.6.7.0/24"));
        var service = Service("s");
        service = service.Applied(allocator.Converge(service));

        var result = allocator.Converge(service.InPool("b"));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Equal(["5.6.7.0"], result.Texts());
        Assert.Equal(0, allocator.Usage("a").V4.AssignedInt64);
    }

    [Fact]
    public void Converge_RequestedIpChangedToFreeIp_MovesService()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        var service = Service("s").Requesting("1.2.3.4");
        service = service.Applied(allocator.Converge(service));

        var result = allocator.Converge(service.Requesting("1.2.3.5"));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Equal(["1.2.3.5"], result.Texts());
        Assert.Equal("Assigned IP [1.2.3.5]", result.Event("IPAllocated").Message);
    }

    [Fact]
    public void Converge_RequestedIpChangedToUnavailableIp_KeepsWorkingIp()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        allocator.Converge(Service("holder").Requesting("1.2.3.9"));
        var service = Service("s") with { LoadBalancerIP = "1.2.3.4" };
        service = service.Applied(allocator.Converge(service));

        var result = allocator.Converge(service with { LoadBalancerIP = "1.2.3.9" });

        Assert.Equal(AllocationOutcome.Failed, result.Outcome);
        Assert.Equal(["1.2.3.4"], result.Texts());
        Assert.False(result.StatusChanged);
        Assert.Equal(
            "can't change the IP of \"default/s\" from [1.2.3.4] to [1.2.3.9], keeping [1.2.3.4]: "
            + "can't share IP 1.2.3.9 with default/holder: service default/holder has no sharing key",
            result.Event("LoadBalancerFailed").Message);
        Assert.Equal(["1.2.3.4"], allocator.IpsOf("default/s").Select(ip => ip.ToString()));
        Assert.Empty(allocator.PendingServices);
    }

    [Fact]
    public void Converge_DeprecatedAnnotations_AreHonouredAndWarnedAbout()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"), Pool("old", "5.6.7.0/24").Manual());

        var result = allocator.Converge(Service("s").Annotated("metallb.universe.tf/address-pool=old"));

        Assert.Equal("old", result.Pool);
        var e = result.Event("deprecatedAnnotation");
        Assert.Equal(AllocationEventType.Warning, e.Type);
        Assert.Contains("metallb.universe.tf/address-pool", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Converge_StableAnnotation_WinsOverDeprecatedOne()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"), Pool("b", "5.6.7.0/24"));

        var result = allocator.Converge(Service("s").Annotated(
            "metallb.universe.tf/loadBalancerIPs=1.2.3.1", "metallb.io/loadBalancerIPs=5.6.7.8"));

        Assert.Equal(["5.6.7.8"], result.Texts());
    }

    [Fact]
    public void Converge_UnchangedServiceWithDeprecatedAnnotation_EmitsNoEvent()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        var service = Service("s").Annotated("metallb.universe.tf/allow-shared-ip=k");
        service = service.Applied(allocator.Converge(service));

        var result = allocator.Converge(service);

        Assert.Equal(AllocationOutcome.Unchanged, result.Outcome);
        Assert.False(result.StatusChanged);
        Assert.Empty(result.Events);
    }
}
