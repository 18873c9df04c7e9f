using MetalLb.Domain.Announcement;
using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;
using static MetalLb.Domain.Tests.Announcement.PlanFixtures;

namespace MetalLb.Domain.Tests.Announcement;

/// <summary>METALLB-SPEC §6.1: which nodes announce a service over BGP, with which routes, to which peers.</summary>
public class AnnouncementPlannerBgpTests
{
    private static readonly Peer[] OnePeer = [Peer("router")];

    private static BgpRoute SingleRoute(AnnouncementPlan plan) => Assert.Single(Assert.Single(plan.Bgp).Routes);

    [Theory]
    [InlineData("192.168.10.7", 32, 128, "192.168.10.7/32")]
    [InlineData("192.168.10.7", 24, 128, "192.168.10.0/24")]
    [InlineData("192.168.10.7", 1, 128, "128.0.0.0/1")]
    [InlineData("fc00::7", 24, 128, "fc00::7/128")]
    [InlineData("fc00::1:7", 32, 112, "fc00::1:0/112")]
    [InlineData("fc00::1:7", 32, 64, "fc00::/64")]
    public void Plan_MasksTheIpToTheAggregationLengthOfItsFamily(string ip, int aggregation, int aggregationV6, string prefix)
    {
        var config = Configure(bgp: [Bgp(aggregation: aggregation, aggregationV6: aggregationV6)], peers: OnePeer);

        var plan = Plan(config, Nodes("node-a"), ServingOn("node-a"), ips: [IpAddress.Parse(ip)]);

        Assert.Equal(prefix, SingleRoute(plan).Prefix.ToString());
    }

    [Fact]
    public void Plan_SortsAndDeduplicatesCommunities()
    {
        BgpCommunity[] communities =
        [
            BgpCommunity.Large(1, 2, 3), BgpCommunity.Standard(65000, 200), BgpCommunity.Standard(65000, 100),
            BgpCommunity.Standard(65000, 100), BgpCommunity.Standard(7, 65000),
        ];
        var config = Configure(bgp: [Bgp(communities: communities)], peers: OnePeer);

        var plan = Plan(config, Nodes("node-a"), ServingOn("node-a"));

        Assert.Equal(["7:65000", "65000:100", "65000:200", "large:1:2:3"], SingleRoute(plan).Communities.Select(c => c.ToString()));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(100u)]
    [InlineData(uint.MaxValue)]
    public void Plan_CarriesTheAdsLocalPref(uint localPref)
    {
        var config = Configure(bgp: [Bgp(localPref: localPref)], peers: OnePeer);

        var plan = Plan(config, Nodes("node-a"), ServingOn("node-a"));

        Assert.Equal(localPref, SingleRoute(plan).LocalPref);
    }

    [Theory]
    [InlineData("", "plain:everywhere,unrestricted|rack-a:everywhere,rack-a-only,unrestricted")]
    [InlineData("rack-a-only,unrestricted,unknown", "plain:unrestricted|rack-a:rack-a-only,unrestricted")]
    [InlineData("rack-a-only", "rack-a:rack-a-only")]
    [InlineData("unknown", "")]
    public void Plan_SendsToTheAdsPeersThatRunOnTheNode(string adPeers, string expected)
    {
        Peer[] peers = [Peer("unrestricted"), Peer("rack-a-only", Sel("rack=a")), Peer("everywhere", Sel())];
        var config = Configure(bgp: [Bgp(peers: adPeers.Split(',', StringSplitOptions.RemoveEmptyEntries))], peers: peers);
        NodeInfo[] nodes = [Node("rack-a", "rack=a"), Node("plain")];

        var plan = Plan(config, nodes, ServingOn("plain"));

        var actual = plan.Bgp.Select(n => $"{n.Node}:{string.Join(",", Assert.Single(n.Routes).Peers)}");
        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), actual);
    }

    [Fact]
    public void Plan_WhenNoPeerRunsOnAnySelectedNode_ReportsNoPeers()
    {
        var config = Configure(bgp: [Bgp()], peers: [Peer("rack-b", Sel("rack=b"))]);

        var plan = Plan(config, Nodes("node-a"), ServingOn("node-a"));

        Assert.Empty(plan.Bgp);
        Assert.Equal([AnnouncementReasons.NoPeers], plan.Reasons);
    }

    [Theory]
    [InlineData("", "node-a,node-b,node-c")]
    [InlineData("role=edge", "node-a,node-c")]
    [InlineData("role=none", "")]
    public void Plan_NodesAnnounceOnlyWhenSelectedByAMatchingAd(string nodeSelector, string expected)
    {
        Selector[] selectors = nodeSelector.Length == 0 ? [] : [Sel(nodeSelector)];
        var config = Configure(bgp: [Bgp(nodes: selectors), Bgp("for-db", nodes: [Sel("role=db")], services: [Sel("app=db")])], peers: OnePeer);
        NodeInfo[] nodes = [Node("node-c", "role=edge"), Node("node-b", "role=db"), Node("node-a", "role=edge")];

        var plan = Plan(config, nodes, ServingOn("node-a"));

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), plan.Bgp.Select(n => n.Node));
    }

    [Fact]
    public void Plan_WhenNoAdMatchesTheServiceLabels_AnnouncesNothing()
    {
        var config = Configure(bgp: [Bgp(services: [Sel("app=db")])], peers: OnePeer);

        var plan = Plan(config, Nodes("node-a"), ServingOn("node-a"), Service(labels: TestObjects.Labels("app=web")));

        Assert.Empty(plan.Bgp);
        Assert.Equal([AnnouncementReasons.NoMatchingAdvertisement], plan.Reasons);
    }

    [Theory]
    [InlineData(false, "plain")]
    [InlineData(true, "excluded,plain")]
    public void Plan_WhenNodeLabelledExcludeFromLoadBalancers_DoesNotAnnounceUnlessIgnored(bool ignore, string expected)
    {
        NodeInfo[] nodes =
        [
            Node("plain"), Node("excluded", "node.kubernetes.io/exclude-from-external-load-balancers=true"),
            Node("down") with { NetworkUnavailable = true },
        ];
        var config = Configure(bgp: [Bgp()], peers: OnePeer);

        var plan = Plan(config, nodes, ServingOn("plain"), options: new PlannerOptions { IgnoreExcludeLb = ignore });

        Assert.Equal(expected.Split(','), plan.Bgp.Select(n => n.Node));
    }

    [Fact]
    public void Plan_WhenEtpLocal_OnlyNodesWithALocalEndpointAnnounce()
    {
        var slices = new[] { Slice(Endpoint("node-b"), Endpoint("node-c", ready: false, serving: true), Endpoint("node-a", ready: false)) };

        var plan = Plan(Configure(bgp: [Bgp()], peers: OnePeer), Nodes("node-a", "node-b", "node-c", "node-d"), slices, Service("Local"));

        Assert.Equal(["node-b", "node-c"], plan.Bgp.Select(n => n.Node));
        Assert.Equal([AnnouncementReasons.NoLocalEndpoints], plan.Reasons);
    }

    [Fact]
    public void Plan_WhenEtpLocalEndpointHasNoAddress_ItDoesNotCount()
    {
        var slices = new[] { Slice(Endpoint("node-a", withAddress: false), Endpoint("node-b")) };

        var plan = Plan(Configure(bgp: [Bgp()], peers: OnePeer), Nodes("node-a", "node-b"), slices, Service("Local"));

        Assert.Equal(["node-b"], plan.Bgp.Select(n => n.Node));
    }

    [Theory]
    [InlineData("Local", AnnouncementReasons.NoLocalEndpoints)]
    [InlineData("Cluster", AnnouncementReasons.NoEndpoints)]
    public void Plan_WhenNoServingEndpoint_ReportsByTrafficPolicy(string etp, string reason)
    {
        var slices = new[] { Slice(Endpoint("node-a", ready: false), Endpoint("node-b", withAddress: false)) };

        var plan = Plan(Configure(bgp: [Bgp()], peers: OnePeer), Nodes("node-a", "node-b"), slices, Service(etp));

        Assert.Empty(plan.Bgp);
        Assert.Equal([reason], plan.Reasons);
    }

    [Fact]
    public void Plan_WhenEtpCluster_EverySelectedNodeAnnouncesWhereverTheEndpointRuns()
    {
        var plan = Plan(Configure(bgp: [Bgp()], peers: OnePeer), Nodes("node-a", "node-b"), ServingOn("elsewhere"));

        Assert.Equal(["node-a", "node-b"], plan.Bgp.Select(n => n.Node));
        Assert.Empty(plan.Reasons);
    }

    public static TheoryData<string, BgpAd, BgpAd, bool> LocalPrefCases => new()
    {
        { "same prefix, all peers", Bgp("a", localPref: 100), Bgp("b", localPref: 200), true },
        { "same localPref", Bgp("a", localPref: 100), Bgp("b", localPref: 100), false },
        { "different aggregation", Bgp("a", localPref: 100), Bgp("b", aggregation: 24, localPref: 200), false },
        { "common peer", Bgp("a", localPref: 100, peers: ["p1"]), Bgp("b", localPref: 200, peers: ["p1", "p2"]), true },
        { "one ad for all peers", Bgp("a", localPref: 100, peers: ["p1"]), Bgp("b", localPref: 200), true },
        { "disjoint peers", Bgp("a", localPref: 100, peers: ["p1"]), Bgp("b", localPref: 200, peers: ["p2"]), false },
        { "disjoint nodes", Bgp("a", localPref: 100, nodes: [Sel("rack=a")]), Bgp("b", localPref: 200, nodes: [Sel("rack=b")]), false },
        { "overlapping nodes", Bgp("a", localPref: 100, nodes: [Sel("rack=a")]), Bgp("b", localPref: 200), true },
        { "via serviceSelectors", Bgp("a", localPref: 100, services: [Sel("app=web")]), Bgp("b", localPref: 200), true },
        { "other ad not for web", Bgp("a", localPref: 100), Bgp("b", localPref: 200, services: [Sel("app=db")]), false },
    };

    [Theory]
    [MemberData(nameof(LocalPrefCases))]
    public void Plan_WhenMatchingAdsSendOnePrefixWithTwoLocalPrefs_AnnouncesNothing(string description, BgpAd a, BgpAd b, bool conflict)
    {
        var config = Configure(bgp: [a, b], peers: [Peer("p1"), Peer("p2")]);
        NodeInfo[] nodes = [Node("node-a", "rack=a"), Node("node-b", "rack=b")];

        var plan = Plan(config, nodes, ServingOn("node-a"), Service(labels: TestObjects.Labels("app=web")));

        Assert.True(conflict == plan.Reasons.Contains(AnnouncementReasons.ConflictingAdvertisements), description);
        Assert.True(conflict == (plan.Bgp.Count == 0), description);
    }

    [Fact]
    public void Plan_WhenOnlyTheV6AggregationDiffers_TheV4IpStillConflicts()
    {
        var config = Configure(bgp: [Bgp("a", localPref: 100), Bgp("b", aggregationV6: 64, localPref: 200)], peers: OnePeer);

        var plan = Plan(config, Nodes("node-a"), ServingOn("node-a"), ips: [V4, V6]);

        Assert.Equal([AnnouncementReasons.ConflictingAdvertisements], plan.Reasons);
    }

    [Fact]
    public void Plan_MergesIdenticalRoutesAndUnionsTheirPeers()
    {
        var community = BgpCommunity.Standard(65000, 1);
        var config = Configure(
            bgp:
            [
                Bgp("to-p2", localPref: 50, communities: [community], peers: ["p2"]),
                Bgp("to-p1", localPref: 50, communities: [community], peers: ["p1"]),
                Bgp("aggregate", aggregation: 24, localPref: 50, peers: ["p3"]),
                Bgp("other-community", localPref: 50, communities: [BgpCommunity.Standard(65000, 2)], peers: ["p1"]),
            ],
            peers: [Peer("p1"), Peer("p2"), Peer("p3")]);

        var plan = Plan(config, Nodes("node-a"), ServingOn("node-a"));

        var routes = Assert.Single(plan.Bgp).Routes;
        Assert.Equal(
            ["192.168.10.0/24 [] p3", "192.168.10.7/32 [65000:1] p1,p2", "192.168.10.7/32 [65000:2] p1"],
            routes.Select(r => $"{r.Prefix} [{string.Join(",", r.Communities)}] {string.Join(",", r.Peers)}"));
    }

    [Fact]
    public void Plan_ProducesOneRoutePerIpAndAdSortedByPrefix()
    {
        var config = Configure(bgp: [Bgp("host"), Bgp("wide", aggregation: 16, aggregationV6: 64)], peers: OnePeer);

        var plan = Plan(config, Nodes("node-b", "node-a"), ServingOn("node-a"), ips: [V6, V4]);

        Assert.Equal(["node-a", "node-b"], plan.Bgp.Select(n => n.Node));
        Assert.All(plan.Bgp, n => Assert.Equal(
            ["192.168.0.0/16", "192.168.10.7/32", "fc00::/64", "fc00::7/128"],
            n.Routes.Select(r => r.Prefix.ToString())));
    }

    [Fact]
    public void Plan_IsEqualWhateverTheOrderOfNodesAndPeers()
    {
        var ads = new[] { Bgp("a", peers: ["p2", "p1"]), Bgp("b", aggregation: 24) };
        Peer[] peers = [Peer("p2"), Peer("p1")];
        var nodes = Nodes("node-c", "node-a", "node-b");

        var first = Plan(Configure(bgp: ads, peers: peers), nodes, ServingOn("node-a"), ips: [V4, V6]);
        var second = Plan(Configure(bgp: ads, peers: peers.Reverse()), nodes.Reverse().ToArray(), ServingOn("node-a"), ips: [V4, V6]);

        Assert.Equal(first, second);
    }
}
