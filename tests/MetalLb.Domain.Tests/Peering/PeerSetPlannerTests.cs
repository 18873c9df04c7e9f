using MetalLb.Domain.Model;
using MetalLb.Domain.Peering;
using static MetalLb.Domain.Tests.Announcement.PlanFixtures;

namespace MetalLb.Domain.Tests.Peering;

/// <summary>METALLB-SPEC §6.1: "Sessions exist only on nodes matching the peer's nodeSelectors".</summary>
public sealed class PeerSetPlannerTests
{
    private static readonly Dictionary<string, MetalLbConfig> Configs = new()
    {
        ["no selectors"] = Configure(peers: [Peer("tor")]),
        ["one selector"] = Configure(peers: [Peer("tor", Sel("rack=a"))]),
        ["two selectors"] = Configure(peers: [Peer("tor", Sel("rack=a"), Sel("rack=b"))]),
        ["two labels in one selector"] = Configure(peers: [Peer("tor", Sel("rack=a", "zone=1"))]),
        ["match everything"] = Configure(peers: [Peer("tor", Selector.Everything)]),
        ["two peers"] = Configure(peers: [Peer("spine", Sel("rack=b")), Peer("leaf", Sel("rack=a"))]),
        ["no peers"] = Configure(),
    };

    public static TheoryData<string, string, string[]> Cases => new()
    {
        { "no selectors", "node-a", ["tor"] },
        { "no selectors", "node-bare", ["tor"] },
        { "one selector", "node-a", ["tor"] },
        { "one selector", "node-b", [] },
        { "one selector", "node-bare", [] },
        { "two selectors", "node-a", ["tor"] },
        { "two selectors", "node-b", ["tor"] },
        { "two labels in one selector", "node-a", ["tor"] },
        { "two labels in one selector", "node-a2", [] },
        { "match everything", "node-bare", ["tor"] },
        { "two peers", "node-a", ["leaf"] },
        { "two peers", "node-b", ["spine"] },
        { "no peers", "node-a", [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_PeerIsOnANode_WhenAnyOfItsSelectorsMatches(string config, string node, string[] expected)
    {
        var nodes = new[]
        {
            Node("node-a", "rack=a", "zone=1"),
            Node("node-a2", "rack=a", "zone=2"),
            Node("node-b", "rack=b"),
            Node("node-bare"),
        };

        var sets = PeerSetPlanner.Plan(Configs[config], nodes);

        Assert.Equal(expected, sets.Single(s => s.Node == node).Peers.Select(p => p.Name));
    }

    [Fact]
    public void Plan_EveryNodeGetsASet_ByName_WithPeersByName()
    {
        var config = Configure(peers: [Peer("zeta"), Peer("alpha"), Peer("mid")]);

        var sets = PeerSetPlanner.Plan(config, [Node("node-c"), Node("node-a"), Node("node-b")]);

        Assert.Equal(["node-a", "node-b", "node-c"], sets.Select(s => s.Node));
        Assert.All(sets, s => Assert.Equal(["alpha", "mid", "zeta"], s.Peers.Select(p => p.Name)));
    }

    [Fact]
    public void Plan_NodeMatchingNoPeer_GetsAnEmptySet()
    {
        var config = Configure(peers: [Peer("tor", Sel("rack=a"))]);

        var set = Assert.Single(PeerSetPlanner.Plan(config, [Node("node-b", "rack=b")]));

        Assert.Equal("node-b", set.Node);
        Assert.Empty(set.Peers);
        Assert.Empty(set.BfdProfiles);
    }

    [Fact]
    public void Plan_BfdProfiles_AreThoseTheNodesPeersName_EachOnce()
    {
        var fast = new BfdSettings("fast", 50, 50, 3, null, false, false, null);
        var slow = new BfdSettings("slow", 1000, 1000, 5, null, false, true, null);
        var unused = new BfdSettings("unused", null, null, null, null, false, false, null);
        Peer[] peers =
        [
            Peer("a", Sel("rack=a")) with { BfdProfile = "slow" },
            Peer("b", Sel("rack=a")) with { BfdProfile = "fast" },
            Peer("c") with { BfdProfile = "fast" },
            Peer("d", Sel("rack=b")) with { BfdProfile = "unused" },
        ];
        var config = Configure(peers: peers) with { BfdProfiles = [unused, slow, fast] };

        var sets = PeerSetPlanner.Plan(config, [Node("node-a", "rack=a"), Node("node-c")]);

        Assert.Equal([fast, slow], sets.Single(s => s.Node == "node-a").BfdProfiles);
        Assert.Equal([fast], sets.Single(s => s.Node == "node-c").BfdProfiles);
    }

    [Fact]
    public void Plan_SessionsDoNotDependOnTheNodeBeingUsableForAnnouncements()
    {
        var config = Configure(peers: [Peer("tor")]);
        var unavailable = Node("node-a") with { NetworkUnavailable = true };

        var set = Assert.Single(PeerSetPlanner.Plan(config, [unavailable]));

        Assert.Equal(["tor"], set.Peers.Select(p => p.Name));
    }
}
