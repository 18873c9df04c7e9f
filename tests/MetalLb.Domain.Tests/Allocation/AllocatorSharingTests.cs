using MetalLb.Domain.Allocation;
using static MetalLb.Domain.Tests.Allocation.AllocationFixtures;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>METALLB-SPEC §3.4 step 4 and §3.5: IP sharing.</summary>
public class AllocatorSharingTests
{
    private static Allocator WithHolder(Func<Domain.Config.ServiceInfo, Domain.Config.ServiceInfo> holder)
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        var result = allocator.Converge(holder(Service("a").Requesting("1.2.3.4")));
        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        return allocator;
    }

    [Fact]
    public void Converge_SameKeyDisjointPorts_SharesRequestedIp()
    {
        var allocator = WithHolder(s => s.Sharing("k").WithPorts("TCP/80"));

        var result = allocator.Converge(Service("b").Sharing("k").WithPorts("TCP/443").Requesting("1.2.3.4"));

        Assert.Equal(["1.2.3.4"], result.Texts());
        Assert.Equal(1, allocator.Usage("a").V4.AssignedInt64);
    }

    [Fact]
    public void Converge_Tcp53AndUdp53_DoNotConflict()
    {
        var allocator = WithHolder(s => s.Sharing("dns").WithPorts("TCP/53"));

        var result = allocator.Converge(Service("b").Sharing("dns").WithPorts("UDP/53").Requesting("1.2.3.4"));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
    }

    public static TheoryData<string, string> SharingFailures => new()
    {
        { "key-differs", "can't share IP 1.2.3.4 with default/a: sharing key \"k2\" differs from \"k1\"" },
        { "holder-no-key", "can't share IP 1.2.3.4 with default/a: service default/a has no sharing key" },
        { "new-no-key", "can't share IP 1.2.3.4 with default/a: service default/b has no sharing key" },
        { "ports-overlap", "port TCP/80 is already in use on \"1.2.3.4\" by default/a" },
        { "local-selectors", "can't share IP 1.2.3.4 with default/a: externalTrafficPolicy Local selectors differ (\"app=y\" vs \"app=x\")" },
        { "local-vs-cluster", "can't share IP 1.2.3.4 with default/a: externalTrafficPolicy differs (Local with selector \"app=y\" vs Cluster)" },
    };

    [Theory]
    [MemberData(nameof(SharingFailures))]
    public void Converge_IncompatibleSharing_SaysWhatDiffers(string scenario, string error)
    {
        var (holder, newcomer) = scenario switch
        {
            "key-differs" => (Service("a").Sharing("k1"), Service("b").Sharing("k2").WithPorts("TCP/443")),
            "holder-no-key" => (Service("a"), Service("b").Sharing("k").WithPorts("TCP/443")),
            "new-no-key" => (Service("a").Sharing("k"), Service("b").WithPorts("TCP/443")),
            "ports-overlap" => (Service("a").Sharing("k").WithPorts("TCP/80", "TCP/443"), Service("b").Sharing("k").WithPorts("TCP/80")),
            "local-selectors" => (Service("a").Sharing("k").Local("app=x"), Service("b").Sharing("k").WithPorts("TCP/443").Local("app=y")),
            _ => (Service("a").Sharing("k"), Service("b").Sharing("k").WithPorts("TCP/443").Local("app=y")),
        };
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        allocator.Converge(holder.Requesting("1.2.3.4"));

        var result = allocator.Converge(newcomer.Requesting("1.2.3.4"));

        Assert.Equal(AllocationOutcome.Failed, result.Outcome);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Converge_LocalWithIdenticalSelectors_Shares()
    {
        var allocator = WithHolder(s => s.Sharing("k").Local("app=x", "tier=web"));

        var result = allocator.Converge(Service("b").Sharing("k").WithPorts("TCP/443").Local("tier=web", "app=x").Requesting("1.2.3.4"));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
    }

    [Fact]
    public void Converge_AutomaticWithSameKey_CoLocatesOnLowestCompatibleIp()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        allocator.Converge(Service("plain"));
        allocator.Converge(Service("web").Sharing("k").WithPorts("TCP/80"));
        allocator.Converge(Service("other-key").Sharing("z").WithPorts("TCP/53"));

        var dns = allocator.Converge(Service("dns").Sharing("k").WithPorts("UDP/53"));
        var web2 = allocator.Converge(Service("web2").Sharing("k").WithPorts("TCP/80"));
        var ssh = allocator.Converge(Service("ssh").Sharing("k").WithPorts("TCP/22"));

        Assert.Equal(["1.2.3.1"], dns.Texts());
        Assert.Equal(["1.2.3.3"], web2.Texts());
        Assert.Equal(["1.2.3.1"], ssh.Texts());
        Assert.Equal(4, allocator.Usage("a").V4.AssignedInt64);
    }

    [Fact]
    public void Converge_SharedIpBelowFirstFree_IsPreferredOnlyWhenLower()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        allocator.Converge(Service("s0"));
        allocator.Converge(Service("s1"));
        allocator.Release("default/s0");
        allocator.Converge(Service("k1").Sharing("k").WithPorts("TCP/80").Requesting("1.2.3.9"));

        var result = allocator.Converge(Service("k2").Sharing("k").WithPorts("TCP/81"));

        Assert.Equal(["1.2.3.0"], result.Texts());
    }

    [Fact]
    public void Converge_SharedIpReleasedByAll_ReturnsToPool()
    {
        var allocator = WithHolder(s => s.Sharing("k"));
        allocator.Converge(Service("b").Sharing("k").WithPorts("TCP/443").Requesting("1.2.3.4"));

        allocator.Release("default/a");
        var stillShared = allocator.Usage("a").V4.AssignedInt64;
        allocator.Release("default/b");

        Assert.Equal(1, stillShared);
        Assert.Equal(0, allocator.Usage("a").V4.AssignedInt64);
    }

    [Fact]
    public void Converge_SoleUserChangesItsSharingKey_KeepsIp()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        var service = Service("a").Sharing("k1");
        service = service.Applied(allocator.Converge(service));

        var result = allocator.Converge(service.Sharing("k2"));
        var joiner = allocator.Converge(Service("b").Sharing("k2").WithPorts("TCP/443"));

        Assert.Equal(AllocationOutcome.Unchanged, result.Outcome);
        Assert.Equal(["1.2.3.0"], joiner.Texts());
    }

    [Fact]
    public void Converge_HolderChangesKeyWhileShared_IsClearedAndMoved()
    {
        var allocator = NewAllocator(Pool("a", "1.2.3.0/24"));
        var a = Service("a").Sharing("k");
        a = a.Applied(allocator.Converge(a));
        allocator.Converge(Service("b").Sharing("k").WithPorts("TCP/443"));

        var result = allocator.Converge(a.Sharing("other"));

        Assert.Equal(AllocationOutcome.Allocated, result.Outcome);
        Assert.Equal(["1.2.3.1"], result.Texts());
        Assert.Equal(
            "current IP for \"default/a\" not allowed by config, will attempt for new IP assignment: "
            + "can't share IP 1.2.3.0 with default/b: sharing key \"other\" differs from \"k\"",
            result.Event("ClearAssignment").Message);
    }

    [Fact]
    public void Converge_ManyServicesSameKeySamePort_EachGetsOwnIp()
    {
        var allocator = NewAllocator(Pool("a", "1.2.0.0/16"));

        var ips = Enumerable.Range(0, 200)
            .Select(i => allocator.Converge(Service($"s{i}").Sharing("all").WithPorts("TCP/443")).Texts()[0])
            .ToArray();

        Assert.Equal(200, ips.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("1.2.0.199", ips[^1]);
    }
}
