using static MetalLb.Domain.Tests.Allocation.AllocationFixtures;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>METALLB-SPEC §3.8: pool accounting for status and metrics.</summary>
public class AllocatorUsageTests
{
    [Theory]
    [InlineData(false, 384)]
    [InlineData(true, 381)]
    public void Usage_V4Pool_CountsEveryCidrMinusBuggyIps(bool avoidBuggyIPs, long expected)
    {
        var pool = Pool("a", "1.2.3.0/24", "2.3.4.128/25");
        var allocator = NewAllocator(avoidBuggyIPs ? pool.AvoidingBuggyIPs() : pool);

        var usage = allocator.Usage("a");

        Assert.Equal(expected, usage.V4.CapacityInt64);
        Assert.Equal(expected, usage.V4.AvailableInt64);
        Assert.Equal(0, usage.V6.CapacityInt64);
        Assert.Equal((UInt128)expected, usage.Capacity);
    }

    [Fact]
    public void Usage_SmallDualStackPoolAvoidingBuggyIps_CountsPerFamily()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/31", "1000::/127").AvoidingBuggyIPs());

        var usage = allocator.Usage("a");

        Assert.Equal(1, usage.V4.CapacityInt64);
        Assert.Equal(2, usage.V6.CapacityInt64);
        Assert.Equal(3, usage.CapacityInt64);
    }

    [Fact]
    public void Usage_SharedIp_CountsOnce()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/30"));
        allocator.Converge(Service("x").Sharing("k").WithPorts("TCP/80"));
        allocator.Converge(Service("y").Sharing("k").WithPorts("TCP/443"));
        allocator.Converge(Service("z"));

        var usage = allocator.Usage("a");

        Assert.Equal(2, usage.V4.AssignedInt64);
        Assert.Equal(2, usage.V4.AvailableInt64);
    }

    [Fact]
    public void Usage_HugeIpv6Pool_IsExactAndSaturatesInt64View()
    {
        var allocator = NewAllocator(Pool("v6", "2001:db8::/48"));
        allocator.Converge(Service("s").V6());

        var usage = allocator.Usage("v6");

        Assert.Equal(UInt128.One << 80, usage.V6.Capacity);
        Assert.Equal((UInt128.One << 80) - UInt128.One, usage.V6.Available);
        Assert.Equal(long.MaxValue, usage.V6.CapacityInt64);
        Assert.Equal(long.MaxValue, usage.V6.AvailableInt64);
        Assert.Equal(1, usage.V6.AssignedInt64);
    }

    [Fact]
    public void Usage_UnknownPool_Throws()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/30"));

        Assert.Throws<KeyNotFoundException>(() => allocator.Usage("nope"));
    }
}
