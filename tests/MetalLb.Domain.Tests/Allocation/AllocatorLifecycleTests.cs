using MetalLb.Domain.Allocation;
using static MetalLb.Domain.Tests.Allocation.AllocationFixtures;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>METALLB-SPEC §2.3–§2.4, §3.2 and §3.7: which Services are handled, clearing, and restoration.</summary>
public class AllocatorLifecycleTests
{
    public static TheoryData<string?, string?, AllocationOutcome> Classes => new()
    {
        { null, null, AllocationOutcome.Allocated },
        { null, "other", AllocationOutcome.Ignored },
        { "mine", "mine", AllocationOutcome.Allocated },
        { "mine", null, AllocationOutcome.Ignored },
        { "mine", "other", AllocationOutcome.Ignored },
    };

    [Theory]
    [MemberData(nameof(Classes))]
    public void Converge_LoadBalancerClass_OnlyServedClassIsHandled(string? served, string? serviceClass, AllocationOutcome expected)
    {
        var allocator = new Allocator(ConfigOf(Pool("a", "1.2.3.0/24")), Namespaces(), served);

        var result = allocator.Converge(Service("s") with { LoadBalancerClass = serviceClass });

        Assert.Equal(expected, result.Outcome);
        if (expected == AllocationOutcome.Ignored)
        {
            Assert.Empty(result.Events);
            Assert.False(result.StatusChanged);
            Assert.Equal(0, allocator.Usage("a").V4.AssignedInt64);
        }
    }

    [Fact]
    public void Converge_IgnoredServiceWithStatus_IsNotTouched()
    {
        var allocator = new Allocator(ConfigOf(Pool("a", "1.2.3.0/24")), Namespaces(), "mine");

        var result = allocator.Converge(Service("s").WithIngress("1.2.3.4"));

        Assert.Equal(AllocationOutcome.Ignored, result.Outcome);
        Assert.Empty(allocator.IpsOf("default/s"));
    }

    [Fact]
    public void Converge_TypeChangedFromLoadBalancer_ClearsAndFreesIp()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        var service = Service("s");
        service = service.Applied(allocator.Converge(service));

        var result = allocator.Converge(service with { Type = "ClusterIP" });

        Assert.Equal(AllocationOutcome.Cleared, result.Outcome);
        Assert.Empty(result.Ips);
        Assert.Null(result.Pool);
        Assert.True(result.StatusChanged);
        Assert.Equal(0, allocator.Usage("a").V4.AssignedInt64);
    }

    [Fact]
    public void Converge_LoadBalancerWithoutClusterIp_IsCleared()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));

        var result = allocator.Converge(Service("s").WithIngress("1.2.3.0") with { ClusterIPs = [] });

        Assert.Equal(AllocationOutcome.Cleared, result.Outcome);
        Assert.Empty(result.Ips);
    }

    [Fact]
    public void Converge_WithZeroPools_ClearsServiceAndSaysWhy()
    {
        var allocator = NewAllocator();

        var result = allocator.Converge(Service("s").WithIngress("1.2.3.4"));

        Assert.Equal(AllocationOutcome.Cleared, result.Outcome);
        Assert.Empty(result.Ips);
        Assert.Contains("no IPAddressPool is configured, clearing [1.2.3.4]", result.Event("ClearAssignment").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Converge_CurrentIpStillValid_IsUnchangedWithoutEvents()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        var service = Service("s");
        service = service.Applied(allocator.Converge(service));

        var result = allocator.Converge(service);

        Assert.Equal(AllocationOutcome.Unchanged, result.Outcome);
        Assert.Equal(["1.2.3.0"], result.Texts());
        Assert.False(result.StatusChanged);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Converge_IsIdempotentAsAValue()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        var service = Service("s");
        service = service.Applied(allocator.Converge(service));

        var first = allocator.Converge(service);
        var second = allocator.Converge(service);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Converge_CurrentIpOutsideConfig_ClearsAndReallocates()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));

        var result = allocator.Converge(Service("s").WithIngress("9.9.9.9"));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Equal(["1.2.3.0"], result.Texts());
        Assert.Equal(
            "current IP for \"default/s\" not allowed by config, will attempt for new IP assignment: \"[9.9.9.9]\" is not allowed in config",
            result.Event("ClearAssignment").Message);
        Assert.Equal(["ClearAssignment", "IPAllocated"], result.Reasons());
    }

    [Fact]
    public void Restore_ReclaimsAssignedIpsBeforePendingServicesAllocate()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/30"));
        var services = new[]
        {
            Service("aaa-pending"),
            Service("zzz-assigned").WithIngress("1.2.3.0"),
            Service("mmm-assigned").WithIngress("1.2.3.1"),
            Service("bbb-pending"),
        };

        var results = allocator.Restore(services);

        Assert.Equal(
            ["default/mmm-assigned", "default/zzz-assigned", "default/aaa-pending", "default/bbb-pending"],
            results.Select(r => r.ServiceKey));
        Assert.Equal([AllocationOutcome.Unchanged, AllocationOutcome.Unchanged, AllocationOutcome.Allocated, AllocationOutcome.Allocated],
            results.Select(r => r.Outcome));
        Assert.Equal(["1.2.3.2"], results[2].Texts());
        Assert.Equal(["1.2.3.3"], results[3].Texts());
    }

    [Fact]
    public void Restore_DualStackServicesGoFirst_ThenByNamespaceAndName()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24", "2001:db8::/64"));
        var services = new[]
        {
            Service("b", ns: "x").WithIngress("1.2.3.5"),
            Service("a", ns: "y").WithIngress("1.2.3.6"),
            Service("z", ns: "z").DualStack("RequireDualStack").WithIngress("1.2.3.7", "2001:db8::7"),
            Service("a", ns: "x").WithIngress("1.2.3.8"),
        };

        var results = allocator.Restore(services);

        Assert.Equal(["z/z", "x/a", "x/b", "y/a"], results.Select(r => r.ServiceKey));
        Assert.All(results, r => Assert.Equal(AllocationOutcome.Unchanged, r.Outcome));
    }

    [Fact]
    public void Restore_TwoServicesClaimingSameIp_SecondIsMovedWithClearAssignment()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));

        var results = allocator.Restore([Service("b").WithIngress("1.2.3.4"), Service("a").WithIngress("1.2.3.4")]);

        Assert.Equal(["1.2.3.4"], results[0].Texts());
        Assert.Equal("default/b", results[1].ServiceKey);
        Assert.Equal(["1.2.3.0"], results[1].Texts());
        Assert.Contains("ClearAssignment", results[1].Reasons());
    }

    [Fact]
    public void Release_UnknownService_IsHarmless()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));

        allocator.Release("default/none");

        Assert.Equal(0, allocator.Usage("a").V4.AssignedInt64);
    }
}
