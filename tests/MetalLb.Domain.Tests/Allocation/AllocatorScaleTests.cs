using static MetalLb.Domain.Tests.Allocation.AllocationFixtures;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>Fast by construction: memory follows allocations, not pool size (asserted on structure, not time).</summary>
public class AllocatorScaleTests
{
    [Fact]
    public void Converge_Ipv6Slash64_TenThousandAllocationsCostOneInterval()
    {
        var allocator = NewAllocator(Pool("v6", "2001:db8::/64"));

        for (var i = 0; i < 10_000; i++)
        {
            allocator.Converge(Service($"s{i}").V6());
        }

        Assert.Equal(10_000, allocator.IpCount);
        Assert.Equal(1, allocator.IntervalCount("v6"));
        Assert.Equal(["2001:db8::270f"], allocator.IpsOf("default/s9999").Select(ip => ip.ToString()));
        Assert.Equal(10_000, allocator.Usage("v6").V6.AssignedInt64);
    }

    [Fact]
    public void Release_EveryOtherAddress_IntervalsGrowWithHolesNotPoolSize()
    {
        var allocator = NewAllocator(Pool("v6", "2001:db8::/64"));
        for (var i = 0; i < 10_000; i++)
        {
            allocator.Converge(Service($"s{i}").V6());
        }

        for (var i = 0; i < 10_000; i += 2)
        {
            allocator.Release($"default/s{i}");
        }

        var refill = allocator.Converge(Service("again").V6());

        Assert.Equal(5_000, allocator.IntervalCount("v6"));
        Assert.Equal(["2001:db8::"], refill.Texts());
    }

    [Fact]
    public void Converge_AvoidBuggyIpsAcrossManyBlocks_StaysOneInterval()
    {
        var allocator = NewAllocator(Pool("a", "10.0.0.0/16").AvoidingBuggyIPs());

        for (var i = 0; i < 254 * 40; i++)
        {
            allocator.Converge(Service($"s{i}"));
        }

        Assert.Equal(1, allocator.IntervalCount("a"));
        Assert.Equal(["10.0.40.1"], allocator.Converge(Service("next")).Texts());
    }
}
