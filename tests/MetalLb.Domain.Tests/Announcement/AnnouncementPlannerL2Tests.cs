using MetalLb.Domain.Announcement;
using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using static MetalLb.Domain.Tests.Announcement.PlanFixtures;

namespace MetalLb.Domain.Tests.Announcement;

/// <summary>METALLB-SPEC §5.1 steps 1–5: which nodes may announce a service in L2.</summary>
public class AnnouncementPlannerL2Tests
{
    private static readonly string[] SixNodes = ["node-a", "node-b", "node-c", "node-d", "node-e", "node-f"];

    [Theory]
    [InlineData("role=lb", "", "lb-1,lb-2")]
    [InlineData("role=lb", "zone=b", "lb-1,lb-2,worker-b")]
    [InlineData("", "", "lb-1,lb-2,worker-a,worker-b")]
    [InlineData("role=none", "", "")]
    public void Plan_CandidatesAreNodesSelectedBySomeApplicableAd(string first, string second, string expected)
    {
        Selector[] Selectors(string s) => s.Length == 0 ? [] : [Sel(s)];
        var config = Configure(l2: [L2("first", nodes: Selectors(first)), L2("second", nodes: Selectors(second))]);
        NodeInfo[] nodes =
        [
            Node("lb-1", "role=lb"), Node("lb-2", "role=lb", "zone=b"), Node("worker-a", "zone=a"), Node("worker-b", "zone=b"),
        ];
        if (second.Length == 0)
        {
            config = config with { L2Ads = [config.L2Ads[0]] };
        }

        var plan = Plan(config, nodes, ServingOn("lb-1"));

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), plan.L2?.Nodes.Order(StringComparer.Ordinal).ToArray() ?? []);
    }

    [Theory]
    [InlineData(false, "plain")]
    [InlineData(true, "excluded,plain")]
    public void Plan_WhenNodeLabelledExcludeFromLoadBalancers_IsNoCandidateUnlessIgnored(bool ignore, string expected)
    {
        NodeInfo[] nodes = [Node("plain"), Node("excluded", "node.kubernetes.io/exclude-from-external-load-balancers=")];

        var plan = Plan(Configure(l2: [L2()]), nodes, ServingOn("plain"), options: new PlannerOptions { IgnoreExcludeLb = ignore });

        Assert.Equal(expected.Split(','), plan.L2!.Nodes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Plan_WhenNodeNetworkUnavailable_IsNoCandidate()
    {
        NodeInfo[] nodes = [Node("up"), Node("down") with { NetworkUnavailable = true }];

        var plan = Plan(Configure(l2: [L2()]), nodes, ServingOn("up", "down"), options: new PlannerOptions { IgnoreExcludeLb = true });

        Assert.Equal(["up"], plan.L2!.Nodes);
    }

    [Fact]
    public void Plan_WhenEveryNodeIsUnavailable_NobodyAnnounces()
    {
        NodeInfo[] nodes = [Node("down") with { NetworkUnavailable = true }];

        var plan = Plan(Configure(l2: [L2()]), nodes, ServingOn("down"));

        Assert.Null(plan.L2);
        Assert.Equal([AnnouncementReasons.NoEligibleNodes], plan.Reasons);
    }

    [Fact]
    public void Plan_WhenEtpLocal_OnlyNodesWithReadyEndpointAreCandidates()
    {
        var slices = new[] { Slice(Endpoint("node-b"), Endpoint("node-d"), Endpoint("node-e", ready: false)) };

        var plan = Plan(Configure(l2: [L2()]), Nodes(SixNodes), slices, Service("Local"));

        Assert.Equal(HashOrder(["node-b", "node-d"], V4.ToString()), plan.L2!.Nodes);
        Assert.Empty(plan.Reasons);
    }

    [Fact]
    public void Plan_WhenEtpCluster_EveryEligibleNodeIsCandidateWhereverTheEndpointRuns()
    {
        var plan = Plan(Configure(l2: [L2()]), Nodes(SixNodes), ServingOn("elsewhere"));

        Assert.Equal(SixNodes.Length, plan.L2!.Candidates.Count);
    }

    [Fact]
    public void Plan_WhenEtpLocalAndNoEligibleNodeHostsAnEndpoint_ReportsNoLocalEndpoints()
    {
        var config = Configure(l2: [L2(nodes: [Sel("role=lb")])]);
        NodeInfo[] nodes = [Node("lb", "role=lb"), Node("worker")];

        var plan = Plan(config, nodes, ServingOn("worker"), Service("Local"));

        Assert.Null(plan.L2);
        Assert.Equal([AnnouncementReasons.NoLocalEndpoints], plan.Reasons);
    }

    public static TheoryData<string, EndpointSliceInfo[]> NoServingEndpoint => new()
    {
        { "no slices", [] },
        { "not ready, not serving", [Slice(Endpoint("node-a", ready: false), Endpoint("node-b", ready: false, serving: false))] },
        { "slice of another service", [Slice("api", "default", Endpoint("node-a"))] },
        { "same name, other namespace", [Slice("web", "other", Endpoint("node-a"))] },
        { "slice without endpoints", [Slice()] },
    };

    [Theory]
    [MemberData(nameof(NoServingEndpoint))]
    public void Plan_WhenNoServingEndpointAnywhere_NobodyAnnounces(string description, EndpointSliceInfo[] slices)
    {
        var plan = Plan(Configure(l2: [L2()]), Nodes(SixNodes), slices);

        Assert.True(plan.L2 is null, description);
        Assert.Equal([AnnouncementReasons.NoEndpoints], plan.Reasons);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(null, null)]
    [InlineData(true, false)]
    public void Plan_WhenEndpointReadyOrTerminatingButServing_Counts(bool? ready, bool? serving)
    {
        var slices = new[] { Slice(Endpoint("node-c", ready, serving)) };

        var plan = Plan(Configure(l2: [L2()]), Nodes(SixNodes), slices, Service("Local"));

        Assert.Equal(["node-c"], plan.L2!.Nodes);
    }

    [Theory]
    [InlineData("metallb.io/allow-shared-ip")]
    [InlineData("metallb.universe.tf/allow-shared-ip")]
    public void Plan_WhenSharedIpAndAnApplicableAdHasServiceSelectors_NobodyAnnounces(string annotation)
    {
        var config = Configure(l2: [L2("plain"), L2("selective", services: [Sel("app=web")])]);
        var service = Service(labels: TestObjects.Labels("app=web"), annotations: TestObjects.Labels($"{annotation}=key"));

        var plan = Plan(config, Nodes(SixNodes), ServingOn("node-a"), service);

        Assert.Null(plan.L2);
        Assert.Equal([AnnouncementReasons.SharedIpWithServiceSelector], plan.Reasons);
    }

    [Fact]
    public void Plan_WhenSharedIpAndTheAdWithServiceSelectorsDoesNotApply_Announces()
    {
        var config = Configure(l2: [L2("plain"), L2("selective", services: [Sel("app=other")])]);
        var service = Service(labels: TestObjects.Labels("app=web"), annotations: TestObjects.Labels("metallb.io/allow-shared-ip=key"));

        var plan = Plan(config, Nodes(SixNodes), ServingOn("node-a"), service);

        Assert.NotNull(plan.L2);
    }

    [Fact]
    public void Plan_WhenServiceSelectorsDoNotMatch_TheAdDoesNotApply()
    {
        var config = Configure(l2: [L2("web", nodes: [Sel("role=web")], services: [Sel("app=web")]), L2("db", services: [Sel("app=db")])]);
        NodeInfo[] nodes = [Node("web-node", "role=web"), Node("other")];

        var plan = Plan(config, nodes, ServingOn("web-node"), Service(labels: TestObjects.Labels("app=web")));

        Assert.Equal(["web-node"], plan.L2!.Nodes);
    }

    [Fact]
    public void Plan_WhenNoAdOfThePoolApplies_ReportsNoMatchingAdvertisement()
    {
        var config = Configure(l2: [L2("other-pool", pool: "other"), L2("db", services: [Sel("app=db")])]);

        var plan = Plan(config, Nodes(SixNodes), ServingOn("node-a"));

        Assert.False(plan.IsAnnounced);
        Assert.Equal([AnnouncementReasons.NoMatchingAdvertisement], plan.Reasons);
    }

    [Theory]
    [InlineData("eth0", "eth1,eth0", "eth0,eth1")]
    [InlineData("eth0", "", "")]
    [InlineData("", "eth1", "")]
    [InlineData("eth0,eth0", "eth0", "eth0")]
    public void Plan_UnionsInterfacesOfTheApplicableAdsThatSelectTheNode(string first, string second, string expected)
    {
        string[] List(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var config = Configure(l2:
        [
            L2("first", interfaces: List(first)),
            L2("second", interfaces: List(second)),
            L2("elsewhere", nodes: [Sel("role=other")], interfaces: ["bond9"]),
            L2("not-for-web", services: [Sel("app=db")], interfaces: ["bond8"]),
        ]);

        var plan = Plan(config, [Node("node-a")], ServingOn("node-a"));

        Assert.Equal(List(expected), plan.L2!.InterfacesOf("node-a"));
    }
}
