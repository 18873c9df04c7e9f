using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;
using MetalLb.Domain.Validation;

namespace MetalLb.Domain.Tests.Validation;

public class BgpPeerRulesTests
{
    private const BgpBackend Native = BgpBackend.Native;
    private const BgpBackend Frr = BgpBackend.Frr;

    private static readonly BgpPeerSpec Base = new() { MyASN = 64500, PeerASN = 64501, PeerAddress = "10.0.0.1" };

    /// <summary>One BGPPeer "p1" validated alone: the field and message fragment of its single error.</summary>
    private static readonly Dictionary<string, Case> Failing = new()
    {
        ["R1 myASN 0 is missing"] = new(Native, Base with { MyASN = 0 }, "spec.myASN", "missing local ASN"),
        ["R2 neither peerASN nor dynamicASN"] = new(Native, Base with { PeerASN = null }, "spec.peerASN", "missing peer ASN and dynamicASN"),
        ["R2 peerASN 0 counts as unset"] = new(Frr, Base with { PeerASN = 0 }, "spec.peerASN", "missing peer ASN and dynamicASN"),
        ["R3 both peerASN and dynamicASN"] = new(Frr, Base with { DynamicASN = "external" }, "spec.dynamicASN", "both peer ASN and dynamicASN specified"),
        ["R4 dynamicASN outside the enum"] = new(Frr, Base with { PeerASN = null, DynamicASN = "sideways" }, "spec.dynamicASN", "invalid dynamicASN sideways"),
        ["R5 ebgpMultiHop on an iBGP peer"] = new(Native, Base with { PeerASN = 64500, EbgpMultiHop = true }, "spec.ebgpMultiHop", "invalid ebgp-multihop parameter set for an ibgp peer"),
        ["R5 ebgpMultiHop with dynamicASN internal"] = new(Frr, Base with { PeerASN = null, DynamicASN = "internal", EbgpMultiHop = true }, "spec.ebgpMultiHop", "invalid ebgp-multihop parameter set for an ibgp peer"),
        ["R6 neither peerAddress nor interface"] = new(Native, Base with { PeerAddress = null }, "spec.peerAddress", "peer has no Address or Interface specified"),
        ["R6 both peerAddress and interface"] = new(Frr, Base with { Interface = "eth0" }, "spec.interface", "peer has both Address and Interface specified"),
        ["R7 hold time under 3s"] = new(Native, Base with { HoldTime = "2s" }, "spec.holdTime", "invalid BGPPeer timers: invalid hold time \"2s\": must be 0 or >=3s"),
        ["R7 hold time rounds down to 2s"] = new(Native, Base with { HoldTime = "2.9s" }, "spec.holdTime", "invalid hold time \"2.9s\": must be 0 or >=3s"),
        ["R7 hold time derived from keepalive"] = new(Frr, Base with { KeepaliveTime = "500ms" }, "spec.keepaliveTime", "invalid BGPPeer timers: invalid hold time \"1.5s\" (3 x keepaliveTime \"500ms\"): must be 0 or >=3s"),
        ["R7 negative hold time"] = new(Native, Base with { HoldTime = "-5s" }, "spec.holdTime", "invalid hold time \"-5s\": must be 0 or >=3s"),
        ["R7 negative hold time MetalLB rounds to 0"] = new(Native, Base with { HoldTime = "-500ms" }, "spec.holdTime", "invalid hold time \"-500ms\": must be 0 or >=3s"),
        ["R8 keepalive above hold"] = new(Frr, Base with { HoldTime = "30s", KeepaliveTime = "1m" }, "spec.keepaliveTime", "invalid BGPPeer timers: invalid keepaliveTime \"1m0s\", must be lower than holdTime \"30s\""),
        ["R8 keepalive with hold 0"] = new(Frr, Base with { HoldTime = "0s", KeepaliveTime = "10s" }, "spec.keepaliveTime", "invalid keepaliveTime \"10s\", must be lower than holdTime \"0s\""),
        ["R8 negative keepalive"] = new(Frr, Base with { HoldTime = "9s", KeepaliveTime = "-1s" }, "spec.keepaliveTime", "invalid keepaliveTime \"-1s\": must not be negative"),
        ["R14 holdTime not a duration"] = new(Native, Base with { HoldTime = "x" }, "spec.holdTime", "invalid BGPPeer timers: invalid hold time \"x\": time: invalid duration \"x\""),
        ["R14 keepaliveTime without unit"] = new(Frr, Base with { KeepaliveTime = "30" }, "spec.keepaliveTime", "invalid BGPPeer timers: invalid keepaliveTime \"30\": time: missing unit in duration \"30\""),
        ["R14 connectTime below 1s"] = new(Frr, Base with { ConnectTime = "0s" }, "spec.connectTime", "connect time should be between 1 seconds to 65535"),
        ["R14 connectTime above 65535s"] = new(Native, Base with { ConnectTime = "65536s" }, "spec.connectTime", "invalid connectTime \"18h12m16s\": connect time should be between 1 seconds to 65535"),
        ["R14 connectTime with a fraction"] = new(Frr, Base with { ConnectTime = "1.5s" }, "spec.connectTime", "invalid connectTime \"1.5s\": connect time should contain a whole number of seconds"),
        ["R14 connectTime not a duration"] = new(Frr, Base with { ConnectTime = "soon" }, "spec.connectTime", "invalid connectTime \"soon\": time: invalid duration \"soon\""),
        ["R14 peerPort 0"] = new(Native, Base with { PeerPort = 0 }, "spec.peerPort", "invalid peerPort 0: must be between 1 and 16384"),
        ["R14 peerPort above 16384"] = new(Frr, Base with { PeerPort = 16385 }, "spec.peerPort", "invalid peerPort 16385: must be between 1 and 16384"),
        ["R14 localASN 0"] = new(Frr, Base with { LocalASN = 0 }, "spec.localASN", "invalid localASN 0"),
        ["R9 peerAddress not an IP"] = new(Native, Base with { PeerAddress = "10.0.0.300" }, "spec.peerAddress", "invalid BGPPeer address \"10.0.0.300\""),
        ["R9 peerAddress a host name"] = new(Frr, Base with { PeerAddress = "router.example" }, "spec.peerAddress", "invalid BGPPeer address \"router.example\""),
        ["R10 routerID not an IP"] = new(Native, Base with { RouterID = "router-1" }, "spec.routerID", "invalid router ID \"router-1\""),
        ["R10 routerID IPv6"] = new(Frr, Base with { RouterID = "fd00::1" }, "spec.routerID", "invalid router ID \"fd00::1\": must be an IPv4 address"),
        ["R11 sourceAddress not an IP"] = new(Native, Base with { SourceAddress = "eth0" }, "spec.sourceAddress", "invalid source IP \"eth0\""),
        ["R12 duplicate nodeSelectors"] = new(Native, Base with { NodeSelectors = [Sel("zone=a"), Sel("zone=a")] }, "spec.nodeSelectors[1]", "duplicate definition of nodeSelectors \"zone=a\""),
        ["R12 invalid nodeSelector operator"] = new(Frr, Base with { NodeSelectors = [BadOperator] }, "spec.nodeSelectors[0].matchExpressions[0].operator", "\"Near\" is not a valid label selector operator"),
        ["R13 password and passwordSecret"] = new(Native, Base with { Password = "s3cret", PasswordSecret = Secret("bgp-auth") }, "spec.passwordSecret", "can not have both password and secret ref set in peer config \"metallb-system\"/\"p1\""),
        ["passwordSecret without a name"] = new(Frr, Base with { PasswordSecret = new SecretReference { Namespace = "metallb-system" } }, "spec.passwordSecret.name", "invalid passwordSecret: name must not be empty"),
        ["passwordSecret in another namespace"] = new(Native, Base with { PasswordSecret = Secret("bgp-auth", "default") }, "spec.passwordSecret.namespace", "invalid passwordSecret \"default\"/\"bgp-auth\": the Secret must be in the MetalLB namespace \"metallb-system\""),
        ["R15 native vrf"] = new(Native, Base with { Vrf = "red" }, "spec.vrf", "peer 10.0.0.1 has vrf set on native bgp mode; use the frr backend"),
        ["R15 native dynamicASN"] = new(Native, Base with { PeerASN = null, DynamicASN = "external" }, "spec.dynamicASN", "peer 10.0.0.1 has dynamicASN set on native bgp mode"),
        ["R15 native localASN"] = new(Native, Base with { LocalASN = 65000 }, "spec.localASN", "peer 10.0.0.1 has localASN set on native bgp mode"),
        ["R15 native interface"] = new(Native, Base with { PeerAddress = null, Interface = "eth1" }, "spec.interface", "peer eth1 has interface set on native bgp mode"),
        ["R15 native bfdProfile"] = new(Native, Base with { BfdProfile = "fast" }, "spec.bfdProfile", "peer 10.0.0.1 has bfd-profile set on native bgp mode"),
        ["R15 native dualStackAddressFamily"] = new(Native, Base with { DualStackAddressFamily = true }, "spec.dualStackAddressFamily", "peer 10.0.0.1 has dualstackaddressfamily flag set on native bgp mode"),
        ["bfdProfile missing from the input's profiles"] = new(Frr, Base with { BfdProfile = "nope" }, "spec.bfdProfile", "peer p1 referencing non existing bfd profile nope", WithBfdProfile: true),
    };

    /// <summary>One BGPPeer "p1" validated alone that must pass (no error, one parsed peer).</summary>
    private static readonly Dictionary<string, Case> Passing = new()
    {
        ["R1 R2 minimal eBGP peer"] = new(Native, Base),
        ["R2 dynamicASN external"] = new(Frr, Base with { PeerASN = null, DynamicASN = "external" }),
        ["R4 dynamicASN internal"] = new(Frr, Base with { PeerASN = null, DynamicASN = "internal" }),
        ["R14 localASN 1"] = new(Frr, Base with { LocalASN = 1 }),
        ["R5 iBGP without ebgpMultiHop"] = new(Native, Base with { PeerASN = 64500 }),
        ["R5 eBGP with ebgpMultiHop"] = new(Native, Base with { EbgpMultiHop = true }),
        ["R6 interface only (unnumbered)"] = new(Frr, Base with { PeerAddress = null, Interface = "eth1" }),
        ["R7 hold time 3s"] = new(Native, Base with { HoldTime = "3s" }),
        ["R7 hold time 0 disables keepalives"] = new(Native, Base with { HoldTime = "0s" }),
        ["R7 hold time under 1s rounds down to 0"] = new(Native, Base with { HoldTime = "500ms" }),
        ["R8 keepalive equal to hold"] = new(Frr, Base with { HoldTime = "9s", KeepaliveTime = "9s" }),
        ["R8 keepalive 0"] = new(Frr, Base with { HoldTime = "9s", KeepaliveTime = "0s" }),
        ["R14 connectTime 1s"] = new(Frr, Base with { ConnectTime = "1s" }),
        ["R14 connectTime 65535s"] = new(Frr, Base with { ConnectTime = "65535s" }),
        ["R14 peerPort 1"] = new(Native, Base with { PeerPort = 1 }),
        ["R14 peerPort 16384"] = new(Frr, Base with { PeerPort = 16384 }),
        ["R14 v1beta1 peerPort 0 means the default"] = new(Native, Base with { PeerPort = 0 }, Version: "v1beta1"),
        ["R9 IPv6 peerAddress on native"] = new(Native, Base with { PeerAddress = "fd00::1" }),
        ["R10 routerID IPv4"] = new(Frr, Base with { RouterID = "10.255.0.1" }),
        ["R11 sourceAddress IPv6"] = new(Native, Base with { PeerAddress = "fd00::1", SourceAddress = "fd00::2" }),
        ["R12 distinct nodeSelectors"] = new(Native, Base with { NodeSelectors = [Sel("zone=a"), Sel("zone=b")] }),
        ["R13 password only"] = new(Native, Base with { Password = "s3cret" }),
        ["R13 passwordSecret only"] = new(Frr, Base with { PasswordSecret = Secret("bgp-auth") }),
        ["passwordSecret in the MetalLB namespace"] = new(Native, Base with { PasswordSecret = Secret("bgp-auth", "metallb-system") }),
        ["empty passwordSecret means unset"] = new(Native, Base with { Password = "s3cret", PasswordSecret = new SecretReference() }),
        ["R15 native keepaliveTime"] = new(Native, Base with { KeepaliveTime = "10s" }),
        ["R15 native enableGracefulRestart"] = new(Native, Base with { EnableGracefulRestart = true }),
        ["R15 native connectTime"] = new(Native, Base with { ConnectTime = "5s" }),
        ["FRR vrf"] = new(Frr, Base with { Vrf = "red" }),
        ["FRR dualStackAddressFamily"] = new(Frr, Base with { DualStackAddressFamily = true }),
        ["FRR bfdProfile that exists"] = new(Frr, Base with { BfdProfile = "fast" }, WithBfdProfile: true),
    };

    /// <summary>Several peers (and Nodes) in one input: the later peer's error fragment, or null when all pass.</summary>
    private static readonly Dictionary<string, Scenario> Pairs = new()
    {
        ["R16 FRR different routerIDs, no Nodes: assumed to share"] = new(Frr, [], [P("a", routerId: "10.255.0.1"), P("b", "10.0.0.2", routerId: "10.255.0.2")],
            "spec.routerID", "peer 10.255.0.2 has RouterID different from 10.255.0.1, in FRR mode peers selecting the same node must all have the same RouterID; BGPPeers \"a\" and \"b\" may select the same node"),
        ["R16 FRR set and unset routerID"] = new(Frr, [], [P("a"), P("b", "10.0.0.2", routerId: "10.255.0.2")],
            "spec.routerID", "peer 10.255.0.2 has RouterID different from (unset)"),
        ["R16 FRR same routerID"] = new(Frr, [], [P("a", routerId: "10.255.0.1"), P("b", "10.0.0.2", routerId: "10.255.0.1")]),
        ["R16 FRR disjoint nodeSelectors"] = new(Frr, [Node("n1", "zone=a"), Node("n2", "zone=b")],
            [P("a", selectors: ["zone=a"], routerId: "10.255.0.1"), P("b", "10.0.0.2", selectors: ["zone=b"], routerId: "10.255.0.2")]),
        ["R16 FRR selectors meeting on a node"] = new(Frr, [Node("n1", "rack=r1"), Node("n2", "rack=r1", "role=edge")],
            [P("a", selectors: ["rack=r1"], routerId: "10.255.0.1"), P("b", "10.0.0.2", selectors: ["role=edge"], routerId: "10.255.0.2")],
            "spec.routerID", "must all have the same RouterID; BGPPeers \"a\" and \"b\" both select node \"n2\""),
        ["R16 FRR selectors that could meet but no Node does"] = new(Frr, [Node("n1", "rack=r1"), Node("n2", "role=edge")],
            [P("a", selectors: ["rack=r1"], routerId: "10.255.0.1"), P("b", "10.0.0.2", selectors: ["role=edge"], routerId: "10.255.0.2")]),
        ["R16 FRR no nodeSelectors means every node"] = new(Frr, [Node("n1", "zone=a"), Node("n2", "zone=b")],
            [P("a", routerId: "10.255.0.1"), P("b", "10.0.0.2", selectors: ["zone=b"], routerId: "10.255.0.2")],
            "spec.routerID", "both select node \"n2\""),
        ["R16 FRR any of several selectors counts"] = new(Frr, [Node("n1", "zone=a"), Node("n2", "zone=b")],
            [P("a", selectors: ["zone=a"], routerId: "10.255.0.1"), P("b", "10.0.0.2", selectors: ["zone=c", "zone=a"], routerId: "10.255.0.2")],
            "spec.routerID", "both select node \"n1\""),
        ["R16 native allows per-peer routerID"] = new(Native, [], [P("a", routerId: "10.255.0.1"), P("b", "10.0.0.2", routerId: "10.255.0.2")]),
        ["R17 FRR same address"] = new(Frr, [], [P("a"), P("b")],
            "spec.peerAddress", "peer 10.0.0.1 already exists, FRR mode doesn't support duplicate BGPPeers selecting the same node"),
        ["R17 FRR same address in the same VRF"] = new(Frr, [], [P("a", vrf: "red"), P("b", vrf: "red")],
            "spec.peerAddress", "peer 10.0.0.1-red already exists, FRR mode doesn't support duplicate BGPPeers"),
        ["R17 FRR same address in different VRFs"] = new(Frr, [], [P("a"), P("b", vrf: "red")]),
        ["R17 FRR same interface"] = new(Frr, [], [P("a", null, iface: "eth1"), P("b", null, iface: "eth1")],
            "spec.interface", "peer eth1 already exists, FRR mode doesn't support duplicate BGPPeers selecting the same node"),
        ["R17 FRR same IPv6 address written differently"] = new(Frr, [], [P("a", "fd00::1"), P("b", "fd00:0:0::1")],
            "spec.peerAddress", "peer fd00::1 already exists"),
        ["R17 FRR same address on disjoint nodes"] = new(Frr, [Node("n1", "zone=a"), Node("n2", "zone=b")],
            [P("a", selectors: ["zone=a"]), P("b", selectors: ["zone=b"])]),
        ["R17 native same address and port"] = new(Native, [], [P("a"), P("b")],
            "spec.peerAddress", "peer 10.0.0.1 already exists, duplicate BGPPeers selecting the same node are not supported"),
        ["R17 native same address on another port"] = new(Native, [], [P("a"), P("b", port: 1790)]),
        ["R17 native same address, both on port 1790"] = new(Native, [], [P("a", port: 1790), P("b", port: 1790)],
            "spec.peerAddress", "peer 10.0.0.1:1790 already exists"),
        ["R17 native same address on one node"] = new(Native, [Node("n1", "zone=a"), Node("n2", "zone=b")],
            [P("a", selectors: ["zone=a"]), P("b")],
            "spec.peerAddress", "peer 10.0.0.1 already exists, duplicate BGPPeers selecting the same node are not supported; BGPPeers \"a\" and \"b\" both select node \"n1\""),
        ["R17 native same address on disjoint nodes"] = new(Native, [Node("n1", "zone=a"), Node("n2", "zone=b")],
            [P("a", selectors: ["zone=a"]), P("b", selectors: ["zone=b"])]),
        ["R18 FRR different myASN in the default VRF"] = new(Frr, [], [P("a"), P("b", "10.0.0.2", myAsn: 64600)],
            "spec.myASN", "peer 10.0.0.2 has myAsn different from 10.0.0.1, in FRR mode peers selecting the same node must have the same myAsn within the same VRF"),
        ["R18 FRR different myASN in different VRFs"] = new(Frr, [], [P("a"), P("b", "10.0.0.2", myAsn: 64600, vrf: "red")]),
        ["R18 FRR different myASN on disjoint nodes"] = new(Frr, [Node("n1", "zone=a"), Node("n2", "zone=b")],
            [P("a", selectors: ["zone=a"]), P("b", "10.0.0.2", myAsn: 64600, selectors: ["zone=b"])]),
        ["R18 native allows per-peer myASN"] = new(Native, [], [P("a"), P("b", "10.0.0.2", myAsn: 64600)]),
    };

    public static TheoryData<string> FailingCases => new(Failing.Keys);

    public static TheoryData<string> PassingCases => new(Passing.Keys);

    public static TheoryData<string> PairCases => new(Pairs.Keys);

    [Theory]
    [MemberData(nameof(FailingCases))]
    public void Check_RuleBroken_ReportsOneErrorOnTheField(string name)
    {
        var c = Failing[name];

        var (peers, problems) = RunCase(c);

        var error = Assert.Single(problems, p => p.IsError);
        Assert.Equal("BGPPeer/p1", error.Object.ToString());
        Assert.Equal(c.Field, error.Field);
        Assert.Contains(c.Fragment, error.Message, StringComparison.Ordinal);
        Assert.Empty(peers);
    }

    [Theory]
    [MemberData(nameof(PassingCases))]
    public void Check_RuleKept_ReturnsThePeer(string name)
    {
        var (peers, problems) = RunCase(Passing[name]);

        Assert.DoesNotContain(problems, p => p.IsError);
        Assert.Equal("p1", Assert.Single(peers).Name);
    }

    [Theory]
    [MemberData(nameof(PairCases))]
    public void Check_PeersSharingNodes_FollowTheBackendsRules(string name)
    {
        var s = Pairs[name];

        var (peers, problems) = Run(new ConfigSource { Peers = s.Peers, Nodes = s.Nodes }, s.Backend);

        if (s.Fragment is null)
        {
            Assert.Empty(problems);
            Assert.Equal(s.Peers.Length, peers.Count);
            return;
        }

        var error = Assert.Single(problems);
        Assert.Equal("BGPPeer/b", error.Object.ToString());
        Assert.Equal(s.Field, error.Field);
        Assert.Contains(s.Fragment, error.Message, StringComparison.Ordinal);
        Assert.Equal("a", Assert.Single(peers).Name);
    }

    [Fact]
    public void Check_ManyConflicts_ReportsEachLaterPeerOncePerRule()
    {
        var source = new ConfigSource
        {
            Peers = [P("a", routerId: "10.255.0.1"), P("b", "10.0.0.2", routerId: "10.255.0.2"), P("c", "10.0.0.3", routerId: "10.255.0.3")],
        };

        var (peers, problems) = Run(source, Frr);

        Assert.Equal(["BGPPeer/b", "BGPPeer/c"], problems.Select(p => p.Object.ToString()));
        Assert.All(problems, p => Assert.EndsWith("different from 10.255.0.1, in FRR mode peers selecting the same node must all have the same RouterID" +
            $"; BGPPeers \"a\" and \"{p.Object.Name}\" may select the same node (the input has no Node objects, so they are assumed to)", p.Message, StringComparison.Ordinal));
        Assert.Equal("a", Assert.Single(peers).Name);
    }

    [Fact]
    public void Check_SharedNodeBeyondTheFirst64_IsFound()
    {
        var nodes = Enumerable.Range(0, 130).Select(i => Node($"n{i:000}", i == 100 ? "role=edge" : "role=worker")).ToArray();
        var source = new ConfigSource
        {
            Nodes = [.. nodes, Node("n200", "rack=r9")],
            Peers = [P("a", selectors: ["role=edge"]), P("b", selectors: ["role=edge", "rack=r9"])],
        };

        var (_, problems) = Run(source, Native);

        Assert.EndsWith("both select node \"n100\"", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigValidator_WarningsOnly_KeepTheConfigValid()
    {
        var source = Source(Obj("p1", Base with { DisableMP = true }, "v1beta1")) with
        {
            BfdProfiles = [new BfdProfile(TestObjects.Meta("fast"), new BfdProfileSpec())],
        };

        var result = TestObjects.Validate(source, Native);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(3, result.Warnings.Count());
        Assert.Equal("p1", Assert.Single(result.Config!.Peers).Name);
    }

    [Theory]
    [InlineData(Native)]
    [InlineData(Frr)]
    public void Check_R0_DisableMP_WarnsAndKeepsThePeer(BgpBackend backend)
    {
        var (peers, problems) = Run(Source(Obj("p1", Base with { DisableMP = true })), backend);

        var warning = Assert.Single(problems);
        Assert.False(warning.IsError);
        Assert.Equal("spec.disableMP", warning.Field);
        Assert.Equal("disable mp is deprecated and has no effect since it's the default behavior now", warning.Message);
        Assert.Single(peers);
    }

    [Fact]
    public void Check_R0_DisableMP_DoesNotSkipTheOtherRules()
    {
        var (peers, problems) = Run(Source(Obj("p1", Base with { DisableMP = true, MyASN = 0, HoldTime = "1s" })), Native);

        Assert.Equal(["spec.disableMP", "spec.myASN", "spec.holdTime"], problems.Select(p => p.Field));
        Assert.Empty(peers);
    }

    [Fact]
    public void Check_V1beta1Object_WarnsDeprecation()
    {
        var (peers, problems) = Run(Source(Obj("p1", Base, "v1beta1")), Native);

        var warning = Assert.Single(problems);
        Assert.False(warning.IsError);
        Assert.Equal("apiVersion", warning.Field);
        Assert.Equal("v1beta1 is deprecated, please use v1beta2", warning.Message);
        Assert.Single(peers);
    }

    [Fact]
    public void Check_BfdProfileWithoutAnyProfileInInput_WarnsNotChecked()
    {
        var (peers, problems) = Run(Source(Obj("p1", Base with { BfdProfile = "fast" })), Frr);

        var warning = Assert.Single(problems);
        Assert.False(warning.IsError);
        Assert.Equal("spec.bfdProfile", warning.Field);
        Assert.Equal("bfd profile \"fast\" not checked: no BFDProfile in the input", warning.Message);
        Assert.Single(peers);
    }

    [Fact]
    public void Check_BfdProfileKnownOnlyAsParsedSettings_IsAccepted()
    {
        var ctx = Context(Source(Obj("p1", Base with { BfdProfile = "fast" })), Frr);

        var peers = BgpPeerRules.Check(ctx, [new BfdSettings("fast", null, null, null, null, true, false, null)]);

        Assert.Empty(ctx.Problems.Problems);
        Assert.Equal("fast", Assert.Single(peers).BfdProfile);
    }

    [Fact]
    public void Check_BfdProfileWithEchoMode_IsNotAPeerError()
    {
        var source = Source(Obj("p1", Base with { BfdProfile = "echo" })) with
        {
            BfdProfiles = [new BfdProfile(TestObjects.Meta("echo"), new BfdProfileSpec { EchoMode = true })],
        };

        var (peers, problems) = Run(source, Frr);

        Assert.Empty(problems);
        Assert.Single(peers);
    }

    [Theory]
    [InlineData("90s", null, "1m30s", "30s")]
    [InlineData("10s", null, "10s", "3.3333333s")]
    [InlineData(null, "30s", "1m30s", "30s")]
    [InlineData(null, "1s", "3s", "1s")]
    [InlineData("1m", "20s", "1m0s", "20s")]
    [InlineData("0s", null, "0s", "0s")]
    [InlineData("500ms", null, "500ms", "166.6666ms")]
    [InlineData("4m", "0s", "4m0s", "0s")]
    public void Check_Timers_DeriveTheMissingOne(string? hold, string? keepalive, string expectedHold, string expectedKeepalive)
    {
        var (peers, _) = Run(Source(Obj("p1", Base with { HoldTime = hold, KeepaliveTime = keepalive })), Frr);

        var peer = Assert.Single(peers);
        Assert.Equal(expectedHold, GoDuration.Format(peer.HoldTime!.Value));
        Assert.Equal(expectedKeepalive, GoDuration.Format(peer.KeepaliveTime!.Value));
    }

    [Fact]
    public void Check_NoTimers_LeavesBackendDefaults()
    {
        var (peers, _) = Run(Source(Obj("p1", Base)), Native);

        var peer = Assert.Single(peers);
        Assert.Null(peer.HoldTime);
        Assert.Null(peer.KeepaliveTime);
        Assert.Null(peer.ConnectTime);
        Assert.Equal(179, peer.Port);
    }

    [Fact]
    public void Check_V1beta1ZeroTimers_MeanUnset()
    {
        var (peers, _) = Run(Source(Obj("p1", Base with { HoldTime = "0s", KeepaliveTime = "0s" }, "v1beta1")), Native);

        var peer = Assert.Single(peers);
        Assert.Null(peer.HoldTime);
        Assert.Null(peer.KeepaliveTime);
    }

    [Fact]
    public void Check_FullFrrSpec_ParsesEveryField()
    {
        var spec = new BgpPeerSpec
        {
            MyASN = 64500,
            PeerASN = 64501,
            LocalASN = 64999,
            PeerAddress = "fd00::1",
            SourceAddress = "fd00::2",
            PeerPort = 1790,
            HoldTime = "30s",
            ConnectTime = "5s",
            RouterID = "10.255.0.1",
            NodeSelectors = [Sel("zone=a")],
            PasswordSecret = Secret("bgp-auth"),
            BfdProfile = "fast",
            EnableGracefulRestart = true,
            EbgpMultiHop = true,
            Vrf = "red",
            DualStackAddressFamily = true,
        };
        var source = Source(Obj("p1", spec)) with { BfdProfiles = [new BfdProfile(TestObjects.Meta("fast"), new BfdProfileSpec())] };

        var (peers, problems) = Run(source, Frr);

        Assert.Empty(problems);
        var peer = Assert.Single(peers);
        Assert.Equal((64500u, (uint?)64501, (uint?)64999, (string?)null), (peer.MyAsn, peer.PeerAsn, peer.LocalAsn, peer.DynamicAsn));
        Assert.Equal(IpAddress.Parse("fd00::1"), peer.Address);
        Assert.Equal(IpAddress.Parse("fd00::2"), peer.SourceAddress);
        Assert.Equal(IpAddress.Parse("10.255.0.1"), peer.RouterId);
        Assert.Equal(1790, peer.Port);
        Assert.Equal(TimeSpan.FromSeconds(30), peer.HoldTime);
        Assert.Equal(TimeSpan.FromSeconds(10), peer.KeepaliveTime);
        Assert.Equal(TimeSpan.FromSeconds(5), peer.ConnectTime);
        Assert.Equal("zone=a", Assert.Single(peer.NodeSelectors).ToString());
        Assert.Equal(("bgp-auth", (string?)null), (peer.PasswordSecretName, peer.Password));
        Assert.Equal(("fast", "red"), (peer.BfdProfile, peer.Vrf));
        Assert.True(peer.EnableGracefulRestart && peer.EbgpMultiHop && peer.DualStackAddressFamily);
    }

    [Fact]
    public void Check_DuplicateName_YieldsOnePeer()
    {
        var (peers, _) = Run(Source(Obj("p1", Base), Obj("p1", Base with { PeerAddress = "10.0.0.2" })), Native);

        Assert.Single(peers);
    }

    [Fact]
    public void CheckUpdate_GracefulRestartChanged_IsDenied()
    {
        var old = Obj("p1", Base with { EnableGracefulRestart = true });
        var updated = Obj("p1", Base with { EnableGracefulRestart = false });

        var problem = Assert.Single(BgpPeerRules.CheckUpdate(old, updated));

        Assert.Equal("BGPPeer/p1", problem.Object.ToString());
        Assert.Equal("spec.enableGracefulRestart", problem.Field);
        Assert.StartsWith("EnableGracefulRestart cannot be changed after creation", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckUpdate_OtherFieldsChanged_IsAllowed()
    {
        var old = Obj("p1", Base with { EnableGracefulRestart = true });
        var updated = Obj("p1", Base with { EnableGracefulRestart = true, HoldTime = "30s", PeerAddress = "10.0.0.9" });

        Assert.Empty(BgpPeerRules.CheckUpdate(old, updated));
    }

    private static (IReadOnlyList<Peer> Peers, IReadOnlyList<ValidationProblem> Problems) RunCase(Case c)
    {
        var source = Source(Obj("p1", c.Spec, c.Version));
        if (c.WithBfdProfile)
        {
            source = source with { BfdProfiles = [new BfdProfile(TestObjects.Meta("fast"), new BfdProfileSpec())] };
        }

        return Run(source, c.Backend);
    }

    private static (IReadOnlyList<Peer> Peers, IReadOnlyList<ValidationProblem> Problems) Run(ConfigSource source, BgpBackend backend)
    {
        var ctx = Context(source, backend);
        var peers = BgpPeerRules.Check(ctx, []);
        return (peers, ctx.Problems.Problems.Where(p => p.Object.Kind == BgpPeer.KindName).ToArray());
    }

    private static ValidationContext Context(ConfigSource source, BgpBackend backend) =>
        new(source, new ValidationOptions { BgpBackend = backend });

    private static ConfigSource Source(params BgpPeer[] peers) => new() { Peers = peers };

    private static BgpPeer Obj(string name, BgpPeerSpec spec, string version = "v1beta2") =>
        new(TestObjects.Meta(name), spec) { SourceVersion = version };

    private static BgpPeer P(
        string name,
        string? address = "10.0.0.1",
        string? routerId = null,
        string? vrf = null,
        string? iface = null,
        int? port = null,
        uint myAsn = 64500,
        string[]? selectors = null) =>
        Obj(name, Base with
        {
            PeerAddress = address,
            RouterID = routerId,
            Vrf = vrf,
            Interface = iface,
            PeerPort = port,
            MyASN = myAsn,
            NodeSelectors = selectors?.Select(Sel).ToArray(),
        });

    private static NodeInfo Node(string name, params string[] labels) => TestObjects.Node(name, TestObjects.Labels(labels));

    private static LabelSelector Sel(string label) => new() { MatchLabels = TestObjects.Labels(label) };

    private static SecretReference Secret(string name, string? ns = null) => new() { Name = name, Namespace = ns };

    private static LabelSelector BadOperator => new()
    {
        MatchExpressions = [new LabelSelectorRequirement { Key = "zone", Operator = "Near", Values = ["a"] }],
    };

    private sealed record Case(
        BgpBackend Backend, BgpPeerSpec Spec, string Field = "", string Fragment = "", string Version = "v1beta2", bool WithBfdProfile = false);

    private sealed record Scenario(
        BgpBackend Backend, NodeInfo[] Nodes, BgpPeer[] Peers, string? Field = null, string? Fragment = null);
}
