using MetalLb.Domain.Announcement;
using static MetalLb.Domain.Tests.Announcement.PlanFixtures;

namespace MetalLb.Domain.Tests.Announcement;

/// <summary>How the two modes combine in one plan.</summary>
public class AnnouncementPlannerTests
{
    [Fact]
    public void Plan_WhenServiceHoldsNoIp_ReportsNoIpAllocated()
    {
        var plan = Plan(Configure(l2: [L2()]), Nodes("node-a"), ServingOn("node-a"), ips: []);

        Assert.False(plan.IsAnnounced);
        Assert.Equal([AnnouncementReasons.NoIpAllocated], plan.Reasons);
    }

    [Fact]
    public void Plan_WhenPoolHasBothModes_PlansBoth()
    {
        var config = Configure(l2: [L2()], bgp: [Bgp()], peers: [Peer("router")]);

        var plan = Plan(config, Nodes("node-a", "node-b"), ServingOn("node-a"));

        Assert.Equal("default/web", plan.ServiceKey);
        Assert.Equal(PoolName, plan.Pool);
        Assert.Equal(2, plan.L2!.Candidates.Count);
        Assert.Equal(["node-a", "node-b"], plan.Bgp.Select(n => n.Node));
        Assert.Empty(plan.Reasons);
    }

    [Fact]
    public void Plan_WhenSharedIpBlocksL2_BgpStillAnnounces()
    {
        var config = Configure(l2: [L2(services: [Sel("app=web")])], bgp: [Bgp()], peers: [Peer("router")]);
        var service = Service(
            labels: TestObjects.Labels("app=web"), annotations: TestObjects.Labels("metallb.io/allow-shared-ip=key"));

        var plan = Plan(config, Nodes("node-a"), ServingOn("node-a"), service);

        Assert.Null(plan.L2);
        Assert.Single(plan.Bgp);
        Assert.Equal([AnnouncementReasons.SharedIpWithServiceSelector], plan.Reasons);
    }

    [Fact]
    public void Plan_WhenNoEndpointAndBothModesApply_ReportsNoEndpointsOnce()
    {
        var config = Configure(l2: [L2()], bgp: [Bgp()], peers: [Peer("router")]);

        var plan = Plan(config, Nodes("node-a", "node-b"), []);

        Assert.False(plan.IsAnnounced);
        Assert.Equal([AnnouncementReasons.NoEndpoints], plan.Reasons);
    }
}
