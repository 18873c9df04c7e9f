using MetalLb.Contracts.Mapping;
using MetalLb.Domain.Announcement;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Hosting.Tests.Mapping;

public class AnnouncementPlanMessagesTests
{
    [Fact]
    public void From_CarriesEveryPartOfThePlanAsText()
    {
        var plan = new AnnouncementPlan(
            "ns/web",
            [IpAddress.Parse("192.0.2.10"), IpAddress.Parse("2001:db8::10")],
            "default",
            new L2Plan([new L2Candidate("node-b", 10, ["eth1"]), new L2Candidate("node-a", 0, [])]),
            [new BgpNodeRoutes("node-a", [new BgpRoute(IpPrefix.Parse("192.0.2.10/32"), 150, [BgpCommunity.Standard(65000, 1), BgpCommunity.Large(1, 2, 3)], ["peer-1"])])],
            ["no peer for node-c"]);

        var message = AnnouncementPlanMessages.From(plan, 7);

        Assert.Equal("ns/web", message.ServiceKey);
        Assert.Equal(7, message.Generation);
        Assert.Equal(["192.0.2.10", "2001:db8::10"], message.Ips);
        Assert.Equal("default", message.Pool);
        Assert.Equal(["node-b", "node-a"], message.L2Candidates.Select(c => c.Node));
        Assert.Equal(["eth1"], message.L2Candidates[0].Interfaces);
        Assert.Equal(10, message.L2Candidates[0].Score);
        var route = Assert.Single(Assert.Single(message.Bgp).Routes);
        Assert.Equal("192.0.2.10/32", route.Prefix);
        Assert.Equal(150, route.LocalPref);
        Assert.Equal(["65000:1", "large:1:2:3"], route.Communities);
        Assert.Equal(["peer-1"], route.Peers);
        Assert.Equal(["no peer for node-c"], message.Reasons);
        Assert.False(message.Deleted);
    }

    [Fact]
    public void From_WithoutL2_HasNoCandidates()
    {
        var plan = new AnnouncementPlan("ns/web", [IpAddress.Parse("192.0.2.10")], "default", null, [], []);

        var message = AnnouncementPlanMessages.From(plan, 1);

        Assert.Empty(message.L2Candidates);
        Assert.Empty(message.Bgp);
    }
}
