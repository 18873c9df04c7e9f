using MetalLb.Domain.Allocation;
using static MetalLb.Domain.Tests.Allocation.AllocationFixtures;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>The bounded failure code of each way an allocation fails (what the failures metric counts by).</summary>
public class AllocationFailureTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "pool full", AllocationFailure.NoAvailableIps },
        { "requested pool full", AllocationFailure.NoAvailableIps },
        { "requested ip taken", AllocationFailure.RequestedIpUnavailable },
        { "requested ip outside every pool", AllocationFailure.RequestedIpUnavailable },
        { "requested pool unknown", AllocationFailure.PoolNotFound },
        { "requested pool for another namespace", AllocationFailure.PoolIncompatible },
        { "requested ip unreadable", AllocationFailure.InvalidRequest },
        { "require dual stack with one cluster ip", AllocationFailure.InvalidClusterIps },
        { "cluster ip unreadable", AllocationFailure.InvalidClusterIps },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Converge_Failed_HasTheCodeOfWhatFailed(string scenario, string expected)
    {
        var allocator = NewAllocator(Pool("one", "192.0.2.1/32"), Pool("other", "198.51.100.1/32").Pinned(namespaces: ["elsewhere"]));
        allocator.Converge(Service("holder").InPool("one"));

        var result = allocator.Converge(scenario switch
        {
            "pool full" => Service("s"),
            "requested pool full" => Service("s").InPool("one"),
            "requested ip taken" => Service("s").Requesting("192.0.2.1"),
            "requested ip outside every pool" => Service("s").Requesting("203.0.113.9"),
            "requested pool unknown" => Service("s").InPool("nowhere"),
            "requested pool for another namespace" => Service("s").InPool("other"),
            "requested ip unreadable" => Service("s").Requesting("not-an-ip"),
            "require dual stack with one cluster ip" => Service("s") with { IpFamilyPolicy = "RequireDualStack" },
            "cluster ip unreadable" => Service("s") with { ClusterIPs = ["bogus"] },
            _ => throw new ArgumentException(scenario),
        });

        Assert.Equal(AllocationOutcome.Failed, result.Outcome);
        Assert.Equal(expected, result.FailureReason);
        Assert.Contains(expected, AllocationFailure.All);
    }

    [Fact]
    public void Converge_Succeeded_HasNoFailureCode()
    {
        var allocator = NewAllocator(Pool("one", "192.0.2.0/30"));

        var result = allocator.Converge(Service("s"));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Null(result.FailureReason);
    }

    [Fact]
    public void Codes_AreShortAndFree_OfSpacesAndNames()
    {
        Assert.All(AllocationFailure.All, code => Assert.Matches("^[a-z_]+$", code));
        Assert.Equal(AllocationFailure.All.Count, AllocationFailure.All.Distinct(StringComparer.Ordinal).Count());
    }
}
