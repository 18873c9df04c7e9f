using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Validation;
using static MetalLb.Domain.Tests.TestObjects;

namespace MetalLb.Domain.Tests.Validation;

public class BgpAdvertisementRulesTests
{
    public static TheoryData<string, ConfigSource, string> Failing => new()
    {
        { "B1 aggregationLength below 1", Bgp([V4Pool()], Ad("a", new() { AggregationLength = 0 })), "invalid aggregation length 0 for IPv4" },
        { "B1 aggregationLengthV6 below 1", Bgp([V6Pool()], Ad("a", new() { AggregationLengthV6 = 0 })), "invalid aggregation length 0 for IPv6" },
        {
            "B2 serviceSelectors with aggregationLength",
            Bgp([V4Pool()], Ad("a", new() { AggregationLength = 24, ServiceSelectors = [Match("app", "web")] })),
            "serviceSelectors and aggregationLength are mutually exclusive, can only be used together with default aggregationLength (32) and aggregationLengthV6 (128)"
        },
        {
            "B2 serviceSelectors with aggregationLengthV6",
            Bgp([V6Pool()], Ad("a", new() { AggregationLengthV6 = 64, ServiceSelectors = [Match("app", "web")] })),
            "serviceSelectors and aggregationLength are mutually exclusive"
        },
        { "B3 aggregationLength above 32 (number printed)", Bgp([V4Pool()], Ad("a", new() { AggregationLength = 34 })), "invalid aggregation length 34 for IPv4" },
        { "B3 aggregationLengthV6 above 128", Bgp([V6Pool()], Ad("a", new() { AggregationLengthV6 = 129 })), "invalid aggregation length 129 for IPv6" },
        {
            "B4 CIDR wider than the aggregation length",
            Bgp([Pool("p", "1.1.1.0/28")], Ad("a", new() { AggregationLength = 26 })),
            "invalid aggregation length 26: prefix 28 in this pool is more specific than the aggregation length for addresses 1.1.1.0/28 (pool \"p\")"
        },
        {
            "B4 range: its widest summarised CIDR (/29) counts",
            Bgp([Pool("p", "10.0.0.4-10.0.0.19")], Ad("a", new() { AggregationLength = 28 })),
            "invalid aggregation length 28: prefix 29 in this pool is more specific than the aggregation length for addresses 10.0.0.4-10.0.0.19 (pool \"p\")"
        },
        {
            "B4 IPv6 prints the IPv6 length",
            Bgp([Pool("p", "10.0.0.0/24", "fc00::/124")], Ad("a", new() { AggregationLength = 24, AggregationLengthV6 = 120 })),
            "invalid aggregation length 120: prefix 124 in this pool is more specific than the aggregation length for addresses fc00::/124 (pool \"p\")"
        },
        {
            "B4 applies to pools chosen by selector",
            Bgp([Pool("p", new IpAddressPoolSpec { Addresses = ["1.1.1.0/28"] }) with { Metadata = Meta("p", Labels("tier=gold")) }],
                Ad("a", new() { AggregationLength = 26, IPAddressPoolSelectors = [Match("tier", "gold")] })),
            "invalid aggregation length 26: prefix 28"
        },
        { "B5 duplicate ipAddressPools", Bgp([V4Pool()], Ad("a", new() { IPAddressPools = ["p", "p"] })), "duplicate definition of ipAddressPools \"p\"" },
        { "B5 duplicate communities", Bgp([V4Pool()], Ad("a", new() { Communities = ["65000:1", "65000:1"] })), "duplicate definition of community \"65000:1\"" },
        { "B5 duplicate peers", Bgp([V4Pool()], Ad("a", new() { Peers = ["r1", "r1"] })), "duplicate definition of peers \"r1\"" },
        {
            "B5 duplicate ipAddressPoolSelectors",
            Bgp([V4Pool()], Ad("a", new() { IPAddressPoolSelectors = [Match("tier", "gold"), Match("tier", "gold")] })),
            "duplicate definition of ipAddressPoolSelectors"
        },
        {
            "B5 duplicate nodeSelectors",
            Bgp([V4Pool()], Ad("a", new() { NodeSelectors = [Match("rack", "r1"), Match("rack", "r1")] })),
            "duplicate definition of nodeSelectors"
        },
        {
            "B5 duplicate serviceSelectors",
            Bgp([V4Pool()], Ad("a", new() { ServiceSelectors = [Match("app", "web"), Match("app", "web")] })),
            "duplicate definition of serviceSelectors"
        },
        {
            "B6 e2e: section out of range",
            Bgp([V4Pool()], Ad("a", new() { Communities = ["99999999:1"] })),
            "invalid community value: invalid section \"99999999\" of community \"99999999:1\""
        },
        {
            "B6 e2e: wrong large marker",
            Bgp([V4Pool()], Ad("a", new() { Communities = ["lar:123:9999:123"] })),
            "expected community to be of format large"
        },
        { "B6 three sections", Bgp([V4Pool()], Ad("a", new() { Communities = ["1:2:3"] })), "invalid community format: 1:2:3" },
        {
            "B7 different localPref on a common pool",
            Bgp([V4Pool()], Ad("a", new() { LocalPref = 100 }), Ad("b", new() { LocalPref = 200 })),
            "invalid local preference 200: local preference 100 was already set for the same type of BGP update. Check existing BGP advertisements with common pools and aggregation lengths (BGPAdvertisement \"a\", pool \"p\")"
        },
        {
            "B7 dual-stack pool, only the IPv4 aggregation differs",
            Bgp([Pool("p", "10.0.0.0/24", "fc00::/120")],
                Ad("a", new() { LocalPref = 100, AggregationLength = 24 }),
                Ad("b", new() { LocalPref = 200 })),
            "invalid local preference 200: local preference 100"
        },
        {
            "B7 peer lists share a peer",
            Bgp([V4Pool()], Ad("a", new() { LocalPref = 100, Peers = ["r1", "r2"] }), Ad("b", new() { LocalPref = 200, Peers = ["r2"] })),
            "invalid local preference 200"
        },
        {
            "B7 one advertisement for all peers",
            Bgp([V4Pool()], Ad("a", new() { LocalPref = 100, Peers = ["r1"] }), Ad("b", new() { LocalPref = 200 })),
            "invalid local preference 200"
        },
        {
            "B7 node sets overlap",
            Bgp([V4Pool()],
                Ad("a", new() { LocalPref = 100, NodeSelectors = [Match("rack", "r1")] }),
                Ad("b", new() { LocalPref = 200, NodeSelectors = [Match("zone", "z1")] })) with
            {
                Nodes = [Node("n1", Labels("rack=r1", "zone=z1")), Node("n2", Labels("rack=r2", "zone=z2"))],
            },
            "invalid local preference 200"
        },
        {
            "B7 no Node in the input, one advertisement selects all nodes",
            Bgp([V4Pool()], Ad("a", new() { LocalPref = 100 }), Ad("b", new() { LocalPref = 200, NodeSelectors = [Match("rack", "r1")] })),
            "invalid local preference 200"
        },
        {
            "B8 two advertisements with one name",
            Bgp([V4Pool()], Ad("a"), Ad("a")),
            "duplicate definition of bgpadvertisements \"a\""
        },
        {
            "B11 invalid operator",
            Bgp([V4Pool()], Ad("a", new() { NodeSelectors = [new LabelSelector { MatchExpressions = [new() { Key = "rack", Operator = "Near" }] }] })),
            "is not a valid label selector operator"
        },
        {
            "B11 invalid label key",
            Bgp([V4Pool()], Ad("a", new() { ServiceSelectors = [Match("bad key", "x")] })),
            "invalid label selector: label key \"bad key\""
        },
        {
            "unknown alias when the input defines communities",
            Bgp([V4Pool()], Ad("a", new() { Communities = ["platinum"] })) with
            {
                Communities = [CommunityRulesTests.Communities("c", ("gold", "65000:1"))],
            },
            "community alias \"platinum\" is not defined in any Community"
        },
    };

    public static TheoryData<string, ConfigSource> Passing => new()
    {
        { "defaults", Bgp([V4Pool()], Ad("a")) },
        { "B1/B3 lowest lengths", Bgp([], Ad("a", new() { AggregationLength = 1, AggregationLengthV6 = 1 })) },
        { "B1/B3 highest lengths", Bgp([V4Pool(), Pool("v6", "fc00::/120")], Ad("a", new() { AggregationLength = 32, AggregationLengthV6 = 128 })) },
        {
            "B2 serviceSelectors with explicit default lengths",
            Bgp([V4Pool()], Ad("a", new() { AggregationLength = 32, AggregationLengthV6 = 128, ServiceSelectors = [Match("app", "web")] }))
        },
        { "B4 aggregation equal to the CIDR", Bgp([Pool("p", "1.1.1.0/28")], Ad("a", new() { AggregationLength = 28 })) },
        { "B4 range: narrower summarised CIDRs do not count", Bgp([Pool("p", "10.0.0.4-10.0.0.19")], Ad("a", new() { AggregationLength = 29 })) },
        {
            "B4 each family checked against its own length",
            Bgp([Pool("p", "10.0.0.0/24", "fc00::/120")], Ad("a", new() { AggregationLength = 24, AggregationLengthV6 = 120 }))
        },
        {
            "B4 pools not selected are not checked",
            Bgp([Pool("wide", "10.0.0.0/24"), Pool("narrow", "10.1.0.0/28")], Ad("a", new() { AggregationLength = 24, IPAddressPools = ["wide"] }))
        },
        {
            "B5 distinct entries",
            Bgp([V4Pool()], Ad("a", new()
            {
                IPAddressPools = ["p", "q"],
                Communities = ["65000:1", "65000:2"],
                Peers = ["r1", "r2"],
                NodeSelectors = [Match("rack", "r1"), Match("rack", "r2")],
            }))
        },
        { "B6 standard and large communities", Bgp([V4Pool()], Ad("a", new() { Communities = ["65535:0", "large:1:2:3"] })) },
        { "B7 same localPref", Bgp([V4Pool()], Ad("a", new() { LocalPref = 100 }), Ad("b", new() { LocalPref = 100 })) },
        { "B7 no common pool", Bgp([V4Pool(), Pool("q", "10.1.0.0/24")], Ad("a", new() { LocalPref = 100, IPAddressPools = ["p"] }), Ad("b", new() { LocalPref = 200, IPAddressPools = ["q"] })) },
        {
            "B7 exemption (a): IPv4 pool, aggregation lengths differ",
            Bgp([V4Pool()], Ad("a", new() { LocalPref = 100, AggregationLength = 24 }), Ad("b", new() { LocalPref = 200 }))
        },
        {
            "B7 exemption (a): dual-stack pool, both lengths differ",
            Bgp([Pool("p", "10.0.0.0/24", "fc00::/120")],
                Ad("a", new() { LocalPref = 100, AggregationLength = 24, AggregationLengthV6 = 120 }),
                Ad("b", new() { LocalPref = 200 }))
        },
        {
            "B7 exemption (a): IPv6 pool, only the IPv6 length matters",
            Bgp([V6Pool()], Ad("a", new() { LocalPref = 100, AggregationLengthV6 = 120 }), Ad("b", new() { LocalPref = 200 }))
        },
        {
            "B7 exemption (b): disjoint peer lists",
            Bgp([V4Pool()], Ad("a", new() { LocalPref = 100, Peers = ["r1"] }), Ad("b", new() { LocalPref = 200, Peers = ["r2"] }))
        },
        {
            "B7 exemption (c): disjoint node sets",
            Bgp([V4Pool()],
                Ad("a", new() { LocalPref = 100, NodeSelectors = [Match("rack", "r1")] }),
                Ad("b", new() { LocalPref = 200, NodeSelectors = [Match("rack", "r2")] })) with
            {
                Nodes = [Node("n1", Labels("rack=r1")), Node("n2", Labels("rack=r2"))],
            }
        },
        {
            "B7 exemption (c): an all-nodes advertisement against one selecting no node",
            Bgp([V4Pool()], Ad("a", new() { LocalPref = 100 }), Ad("b", new() { LocalPref = 200, NodeSelectors = [Match("rack", "r9")] })) with
            {
                Nodes = [Node("n1", Labels("rack=r1"))],
            }
        },
        {
            "B7 deferred when serviceSelectors are set",
            Bgp([V4Pool()], Ad("a", new() { LocalPref = 100 }), Ad("b", new() { LocalPref = 200, ServiceSelectors = [Match("app", "web")] }))
        },
        { "B9 not applied: large community in native mode", Bgp([V4Pool()], Ad("a", new() { Communities = ["large:4294967295:0:1"] })) },
        { "B10/P10 not applied: IPv6 pool in native mode", Bgp([V6Pool()], Ad("a", new() { AggregationLengthV6 = 124 })) },
        {
            "alias defined in a Community",
            Bgp([V4Pool()], Ad("a", new() { Communities = ["gold"] })) with { Communities = [CommunityRulesTests.Communities("c", ("gold", "65000:1"))] }
        },
    };

    public static TheoryData<string, ConfigSource, string> Warnings => new()
    {
        {
            "alias not checked without Community objects",
            Bgp([V4Pool()], Ad("a", new() { Communities = ["gold"] })),
            "community alias \"gold\" not checked: no Community in the input"
        },
        {
            "unknown peer when the input has peers",
            Bgp([V4Pool()], Ad("a", new() { Peers = ["r1", "r9"] })) with { Peers = [PeerObject("r1", "192.0.2.1")] },
            "peer \"r9\" is not defined"
        },
        {
            "pool names match no pool",
            Bgp([V4Pool()], Ad("a", new() { IPAddressPools = ["nope"] })),
            "selects no IPAddressPool"
        },
        {
            "pool selectors match no pool",
            Bgp([V4Pool()], Ad("a", new() { IPAddressPoolSelectors = [Match("tier", "gold")] })),
            "selects no IPAddressPool"
        },
        {
            "B7 without Node objects both nodeSelectors cannot be compared",
            Bgp([V4Pool()],
                Ad("a", new() { LocalPref = 100, NodeSelectors = [Match("rack", "r1")] }),
                Ad("b", new() { LocalPref = 200, NodeSelectors = [Match("rack", "r2")] })),
            "local preference 200 may conflict with local preference 100 of BGPAdvertisement \"a\" on pool \"p\""
        },
    };

    public static TheoryData<string, ConfigSource> Quiet => new()
    {
        { "unknown peer name when the input has no BGPPeer", Bgp([V4Pool()], Ad("a", new() { Peers = ["r9"] })) },
        { "pool names when the input has no pool", Bgp([], Ad("a", new() { IPAddressPools = ["nope"] })) },
        { "known peer", Bgp([V4Pool()], Ad("a", new() { Peers = ["r1"] })) with { Peers = [PeerObject("r1", "192.0.2.1")] } },
    };

    [Theory]
    [MemberData(nameof(Failing))]
    public void Check_WhenRuleBroken_ReportsError(string rule, ConfigSource source, string fragment)
    {
        var result = Validate(source);

        Assert.False(result.IsValid, rule);
        result.SingleError(fragment);
        Assert.True(result.Errors.Count() == 1, $"{rule}: {string.Join("; ", result.Problems)}");
    }

    [Theory]
    [MemberData(nameof(Passing))]
    public void Check_WhenRulesHold_ReportsNoError(string rule, ConfigSource source)
    {
        var result = Validate(source);

        Assert.True(result.IsValid, $"{rule}: {string.Join("; ", result.Problems)}");
    }

    [Theory]
    [MemberData(nameof(Warnings))]
    public void Check_WhenDoubtful_WarnsWithoutError(string rule, ConfigSource source, string fragment)
    {
        var result = Validate(source);

        Assert.True(result.IsValid, $"{rule}: {string.Join("; ", result.Problems)}");
        Assert.Contains(result.WarningMessages(), w => w.Contains(fragment, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Quiet))]
    public void Check_WhenNothingToDoubt_ReportsNothing(string rule, ConfigSource source)
    {
        var result = Validate(source);

        Assert.True(result.Problems.Count == 0, $"{rule}: {string.Join("; ", result.Problems)}");
    }

    [Fact]
    public void Check_WhenValid_BuildsAdWithDefaultsAndResolvedPools()
    {
        var result = Validate(Bgp(
            [Pool("p", "10.0.0.0/24"), Pool("q", "10.1.0.0/24") with { Metadata = Meta("q", Labels("tier=gold")) }, Pool("r", "10.2.0.0/24")],
            Ad("a", new() { IPAddressPools = ["p"], IPAddressPoolSelectors = [Match("tier", "gold")], Peers = ["r1"] })));

        var ad = Assert.Single(result.Config!.BgpAds);

        Assert.Equal("a", ad.Name);
        Assert.Equal(32, ad.AggregationLength);
        Assert.Equal(128, ad.AggregationLengthV6);
        Assert.Equal(0u, ad.LocalPref);
        Assert.Equal(["p", "q"], ad.Pools.Order(StringComparer.Ordinal));
        Assert.Equal(["r1"], ad.Peers);
        Assert.Empty(ad.Communities);
    }

    [Fact]
    public void Check_WhenNoPoolNamed_SelectsAllPools()
    {
        var result = Validate(Bgp([Pool("p", "10.0.0.0/24"), Pool("q", "10.1.0.0/24")], Ad("a")));

        Assert.Equal(["p", "q"], Assert.Single(result.Config!.BgpAds).Pools.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Check_WhenCommunitiesMixed_ResolvesAliasesSortsAndDeduplicates()
    {
        var source = Bgp([V4Pool()], Ad("a", new() { Communities = ["large:1:2:3", "65000:2", "gold", "65000:1", "bronze"] })) with
        {
            Communities = [CommunityRulesTests.Communities("c", ("gold", "65000:1"), ("bronze", "100:1"))],
        };

        var result = Validate(source);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(
            [BgpCommunity.Standard(100, 1), BgpCommunity.Standard(65000, 1), BgpCommunity.Standard(65000, 2), BgpCommunity.Large(1, 2, 3)],
            Assert.Single(result.Config!.BgpAds).Communities);
    }

    [Fact]
    public void Check_WhenAliasNotChecked_LeavesItOutOfTheAd()
    {
        var result = Validate(Bgp([V4Pool()], Ad("a", new() { Communities = ["gold", "65000:1"] })));

        Assert.Equal([BgpCommunity.Standard(65000, 1)], Assert.Single(result.Config!.BgpAds).Communities);
    }

    [Fact]
    public void Check_WhenAliasValueInvalid_ReportsOnlyTheCommunity()
    {
        var source = Bgp([V4Pool()], Ad("a", new() { Communities = ["gold"] })) with
        {
            Communities = [CommunityRulesTests.Communities("c", ("gold", "1:2:3"))],
        };

        var result = Validate(source);

        Assert.Equal("Community", result.SingleError("parsing community \"gold\"").Object.Kind);
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Check_WhenLocalPrefConflicts_ReportsTheLaterAdvertisementByName()
    {
        var result = Validate(Bgp([V4Pool()], Ad("z", new() { LocalPref = 100 }), Ad("m", new() { LocalPref = 200 })));

        var problem = result.SingleError("invalid local preference 100: local preference 200");

        Assert.Equal("z", problem.Object.Name);
        Assert.Equal("spec.localPref", problem.Field);
    }

    [Theory]
    [InlineData(new[] { "r1" }, new string[0], true)]
    [InlineData(new[] { "r2" }, new string[0], false)]
    [InlineData(new string[0], new string[0], true)]
    [InlineData(new string[0], new[] { "10.0.0.0/24" }, false)]
    public void Check_WhenFrrAndIpv6PoolAdvertisedToEchoPeer_ReportsError(string[] adPeers, string[] poolAddresses, bool expectError)
    {
        string[] addresses = poolAddresses.Length == 0 ? ["10.0.0.0/24", "fc00::/120"] : poolAddresses;
        var ctx = new ValidationContext(
            Bgp([Pool("p", addresses)], Ad("a", new() { Peers = adPeers })),
            new ValidationOptions { BgpBackend = BgpBackend.Frr });
        Peer[] peers = [new() { Name = "r1", BfdProfile = "fast" }, new() { Name = "r2", BfdProfile = "slow" }];
        BfdSettings[] profiles = [Bfd("fast", echo: true), Bfd("slow", echo: false)];

        BgpAdvertisementRules.Check(ctx, PoolRules.Check(ctx), new Dictionary<string, BgpCommunity>(), peers, profiles);

        var messages = ctx.Problems.Problems.Where(p => p.IsError).Select(p => p.Message).ToArray();
        if (expectError)
        {
            Assert.Equal(
                ["pool p has bgpadvertisement a which references peer r1 which has bfd echo enabled, which is not possible"],
                messages);
        }
        else
        {
            Assert.Empty(messages);
        }
    }

    [Fact]
    public void Check_WhenNativeAndIpv6PoolAdvertisedToEchoPeer_LeavesItToTheBfdRules()
    {
        var ctx = new ValidationContext(Bgp([V6Pool()], Ad("a")), ValidationOptions.Default);

        BgpAdvertisementRules.Check(
            ctx, PoolRules.Check(ctx), new Dictionary<string, BgpCommunity>(),
            [new Peer { Name = "r1", BfdProfile = "fast" }], [Bfd("fast", echo: true)]);

        Assert.Empty(ctx.Problems.Problems);
    }

    private static ConfigSource Bgp(IpAddressPool[] pools, params BgpAdvertisement[] ads) =>
        new() { Pools = pools, BgpAdvertisements = ads };

    private static BgpAdvertisement Ad(string name, BgpAdvertisementSpec? spec = null) => new(Meta(name), spec ?? new());

    private static IpAddressPool V4Pool() => Pool("p", "10.0.0.0/24");

    private static IpAddressPool V6Pool() => Pool("p", "fc00::/120");

    private static LabelSelector Match(string key, string value) =>
        new() { MatchLabels = new Dictionary<string, string> { [key] = value } };

    private static BgpPeer PeerObject(string name, string address) =>
        new(Meta(name), new BgpPeerSpec { MyASN = 64500, PeerASN = 64501, PeerAddress = address });

    private static BfdSettings Bfd(string name, bool echo) => new(name, null, null, null, null, echo, false, null);
}
