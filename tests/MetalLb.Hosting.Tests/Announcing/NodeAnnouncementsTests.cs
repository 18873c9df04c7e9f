using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;

namespace MetalLb.Hosting.Tests.Announcing;

public class NodeAnnouncementsTests
{
    private static readonly Func<string, bool> AllLive = _ => true;

    private static AnnouncementPlan L2Plan(string key, string ip, params string[] order) =>
        new(key, 1, [ip], "pool", [.. order.Select(n => new L2Candidate(n, 0, n == "node-b" ? ["eth1"] : []))], [], []);

    [Fact]
    public void Compute_FirstLiveCandidate_ClaimsEveryIpOfTheService()
    {
        var plan = new AnnouncementPlan("ns/web", 7, ["192.0.2.1", "2001:db8::1"], "pool", [new("node-a", 0, []), new("node-b", 0, [])], [], []);

        var a = NodeAnnouncements.Compute("node-a", [plan], AllLive);
        var b = NodeAnnouncements.Compute("node-b", [plan], AllLive);

        Assert.Equal(["192.0.2.1", "2001:db8::1"], a.Claims.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(b.Claims);
        Assert.True(a.Statuses[("ns/web", "l2")].Announcing);
        Assert.Equal(7, a.Statuses[("ns/web", "l2")].Generation);
        Assert.False(b.Statuses[("ns/web", "l2")].Announcing);
        Assert.Equal("not elected: node-a announces", b.Statuses[("ns/web", "l2")].Reason);
    }

    [Fact]
    public void Compute_FirstCandidateDown_NextLiveNodeTakesOverWithItsInterfaces()
    {
        var plan = L2Plan("ns/web", "192.0.2.1", "node-a", "node-b", "node-c");

        var b = NodeAnnouncements.Compute("node-b", [plan], n => n != "node-a");
        var c = NodeAnnouncements.Compute("node-c", [plan], n => n != "node-a");

        Assert.Equal(["eth1"], b.Claims["192.0.2.1"].Interfaces);
        Assert.Equal(["eth1"], b.Statuses[("ns/web", "l2")].Interfaces);
        Assert.Empty(c.Claims);
    }

    [Fact]
    public void Compute_NoLiveCandidate_NobodyClaimsAndTheReasonSaysSo()
    {
        var plan = L2Plan("ns/web", "192.0.2.1", "node-a");

        var a = NodeAnnouncements.Compute("node-a", [plan], (string _) => false);

        Assert.Empty(a.Claims);
        Assert.Equal("no live candidate", a.Statuses[("ns/web", "l2")].Reason);
    }

    [Fact]
    public void Compute_NotACandidate_ReportsNothingForL2()
    {
        var plan = L2Plan("ns/web", "192.0.2.1", "node-a");

        var z = NodeAnnouncements.Compute("node-z", [plan], AllLive);

        Assert.Empty(z.Claims);
        Assert.Empty(z.Statuses);
    }

    [Fact]
    public void Compute_ServicesSharingAnIp_LandOnTheSameNode()
    {
        var tcp = L2Plan("ns/dns-tcp", "192.0.2.53", "node-b", "node-a");
        var udp = L2Plan("ns/dns-udp", "192.0.2.53", "node-b", "node-a");

        var views = new[] { "node-a", "node-b" }.Select(n => NodeAnnouncements.Compute(n, [tcp, udp], AllLive)).ToArray();

        Assert.Single(views, v => v.Claims.ContainsKey("192.0.2.53"));
        Assert.True(views[1].Statuses[("ns/dns-tcp", "l2")].Announcing);
        Assert.True(views[1].Statuses[("ns/dns-udp", "l2")].Announcing);
    }

    [Fact]
    public void Compute_BgpRoutes_OnePerPrefixAndPeer_MergedAcrossServicesByFirstKey()
    {
        var first = new AnnouncementPlan("ns/a", 1, ["198.51.100.1"], "pool", [], [new("node-a", [new BgpRoute("198.51.100.0/24", 100, ["65000:1"], ["p1", "p2"])])], []);
        var second = new AnnouncementPlan("ns/b", 1, ["198.51.100.2"], "pool", [], [new("node-a", [new BgpRoute("198.51.100.0/24", 200, [], ["p1"])])], []);

        var a = NodeAnnouncements.Compute("node-a", [second, first], AllLive);

        Assert.Equal(2, a.Routes.Count);
        Assert.Equal(100, a.Routes[("198.51.100.0/24", "p1")].LocalPref);
        Assert.Equal(["p1", "p2"], a.Statuses[("ns/a", "bgp")].Peers);
        Assert.True(a.Statuses[("ns/b", "bgp")].Announcing);
    }

    [Fact]
    public void Compute_NodeWithoutRoutesInThePlan_AdvertisesNothing()
    {
        var plan = new AnnouncementPlan("ns/a", 1, ["198.51.100.1"], "pool", [], [new("node-a", [new BgpRoute("198.51.100.1/32", 0, [], ["p1"])])], []);

        var b = NodeAnnouncements.Compute("node-b", [plan], AllLive);

        Assert.Empty(b.Routes);
        Assert.Empty(b.Statuses);
    }

    [Fact]
    public void WarmingNodeAhead_NobodyGrabsTheIp_ButTheNodeHoldingItKeepsIt()
    {
        var plan = L2Plan("ns/web", "192.0.2.1", "node-a", "node-b");
        CandidateState State(L2Candidate c) => c.Node == "node-a" ? CandidateState.Warming : CandidateState.Ready;

        var fresh = NodeAnnouncements.Compute("node-b", [plan], State, new HashSet<string>());
        var holding = NodeAnnouncements.Compute("node-b", [plan], State, new HashSet<string> { "192.0.2.1" });
        var ready = NodeAnnouncements.Compute("node-b", [plan], _ => CandidateState.Ready, new HashSet<string> { "192.0.2.1" });

        Assert.Empty(fresh.Claims);
        Assert.Equal("waiting for node-a, which is starting", fresh.Statuses[("ns/web", "l2")].Reason);
        Assert.Equal(["192.0.2.1"], holding.Claims.Keys);
        Assert.Empty(ready.Claims);
    }
}
