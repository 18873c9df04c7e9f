using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;
using static MetalLb.Domain.Tests.Announcement.PlanFixtures;

namespace MetalLb.Domain.Tests.Announcement;

/// <summary>METALLB-SPEC §5.1 step 6: the order in which L2 candidates are elected.</summary>
public class AnnouncementPlannerL2OrderTests
{
    private static readonly string[] SixNodes = ["node-a", "node-b", "node-c", "node-d", "node-e", "node-f"];

    [Theory]
    [InlineData("192.168.10.7")]
    [InlineData("192.168.10.8")]
    [InlineData("10.0.0.1")]
    [InlineData("fc00::7")]
    public void Plan_OrdersCandidatesBySha256OfNodeHashFirstIp(string ip)
    {
        var plan = Plan(Configure(l2: [L2()]), Nodes(SixNodes), ServingOn("node-a"), ips: [IpAddress.Parse(ip)]);

        Assert.Equal(HashOrder(SixNodes, ip), plan.L2!.Nodes);
    }

    [Theory]
    [InlineData("192.168.10.7", "fc00::7")]
    [InlineData("fc00::7", "192.168.10.7")]
    public void Plan_WhenDualStack_ElectsByFirstIpSoBothIpsGoToOneNode(string first, string second)
    {
        var plan = Plan(Configure(l2: [L2()]), Nodes(SixNodes), ServingOn("node-a"),
            ips: [IpAddress.Parse(first), IpAddress.Parse(second)]);

        Assert.Equal(HashOrder(SixNodes, first), plan.L2!.Nodes);
        Assert.Equal([first, second], plan.Ips.Select(i => i.ToString()));
    }

    [Fact]
    public void Plan_WhenPreferencesMatch_SumsWeightsAcrossAdsThenBreaksTiesByHash()
    {
        var zoneA = new WeightedSelector(30, Sel("zone=a"));
        var gpu = new WeightedSelector(30, Sel("gpu=true"));
        var zoneAAgain = new WeightedSelector(10, Sel("zone=a"));
        var config = Configure(l2: [L2("first", preferred: [zoneA]), L2("second", preferred: [gpu, zoneAAgain])]);
        NodeInfo[] nodes =
        [
            Node("plain-1"), Node("plain-2"), Node("plain-3"), Node("zone-1", "zone=a"), Node("zone-2", "zone=a"),
            Node("gpu", "gpu=true"), Node("both", "zone=a", "gpu=true"),
        ];

        var plan = Plan(config, nodes, ServingOn("plain-1"));

        string[] expected =
        [
            "both", .. HashOrder(["zone-1", "zone-2"], V4.ToString()), "gpu", .. HashOrder(["plain-1", "plain-2", "plain-3"], V4.ToString()),
        ];
        Assert.Equal(expected, plan.L2!.Nodes);
        Assert.Equal([70L, 40, 40, 30, 0, 0, 0], plan.L2.Candidates.Select(c => c.Score));
    }

    [Fact]
    public void Plan_WhenPreferenceMatchesNodeOutsideItsOwnAdsNodeSelectors_DoesNotScoreIt()
    {
        var preferPrimary = new WeightedSelector(100, Sel("zone=primary"));
        var config = Configure(l2:
        [
            L2("lb", nodes: [Sel("role=lb")]),
            L2("gpu", nodes: [Sel("role=gpu")], preferred: [preferPrimary]),
        ]);
        NodeInfo[] nodes = [Node("lb-primary", "role=lb", "zone=primary"), Node("gpu-primary", "role=gpu", "zone=primary")];

        var plan = Plan(config, nodes, ServingOn("lb-primary"));

        Assert.Equal(0, plan.L2!.Candidates.Single(c => c.Node == "lb-primary").Score);
        Assert.Equal(100, plan.L2.Candidates.Single(c => c.Node == "gpu-primary").Score);
        Assert.Equal("gpu-primary", plan.L2.Nodes[0]);
    }

    [Fact]
    public void Plan_WhenPreferenceIsEmpty_ScoresEveryNodeItsAdSelects()
    {
        var config = Configure(l2: [L2("lb", nodes: [Sel("role=lb")], preferred: [new WeightedSelector(5, Sel())]), L2("all")]);
        NodeInfo[] nodes = [Node("lb", "role=lb"), Node("worker-1"), Node("worker-2")];

        var plan = Plan(config, nodes, ServingOn("lb"));

        Assert.Equal("lb", plan.L2!.Nodes[0]);
        Assert.Equal([5L, 0, 0], plan.L2.Candidates.Select(c => c.Score));
    }

    [Fact]
    public void Plan_WhenNodeAdded_MovesTheIpOnlyIfTheNewNodeSortsFirst()
    {
        var before = Nodes("node-a", "node-b", "node-c", "node-d");
        var after = Nodes("node-a", "node-b", "node-c", "node-d", "node-new");
        var moved = 0;

        for (var i = 1; i <= 60; i++)
        {
            var ip = IpAddress.Parse($"192.168.10.{i}");
            var oldLeader = Plan(Configure(l2: [L2()]), before, ServingOn("node-a"), ips: [ip]).L2!.Nodes[0];
            var newLeader = Plan(Configure(l2: [L2()]), after, ServingOn("node-a"), ips: [ip]).L2!.Nodes[0];

            var newSortsFirst = HashOrder(after.Select(n => n.Metadata.Name), ip.ToString())[0] == "node-new";
            Assert.Equal(newSortsFirst ? "node-new" : oldLeader, newLeader);
            moved += newSortsFirst ? 1 : 0;
        }

        Assert.InRange(moved, 1, 59);
    }

    [Fact]
    public void Plan_WhenNonLeaderRemoved_MovesNothing()
    {
        var all = Nodes(SixNodes);

        for (var i = 1; i <= 30; i++)
        {
            var ip = IpAddress.Parse($"192.168.10.{i}");
            var order = Plan(Configure(l2: [L2()]), all, ServingOn("node-a"), ips: [ip]).L2!.Nodes;
            var fewer = all.Where(n => n.Metadata.Name != order[^1]).ToArray();

            Assert.Equal(order[0], Plan(Configure(l2: [L2()]), fewer, ServingOn("node-a"), ips: [ip]).L2!.Nodes[0]);
        }
    }

    [Fact]
    public void Plan_IsEqualWhateverTheOrderOfNodesAndAds()
    {
        var ads = new[] { L2("a", interfaces: ["eth0"]), L2("b", preferred: [new WeightedSelector(10, Sel("zone=a"))]) };
        NodeInfo[] nodes = [Node("node-a", "zone=a"), Node("node-b"), Node("node-c", "zone=a")];

        var first = Plan(Configure(l2: ads), nodes, ServingOn("node-a"));
        var second = Plan(Configure(l2: ads.Reverse()), nodes.Reverse().ToArray(), ServingOn("node-a"));

        Assert.Equal(first, second);
    }
}
