using MetalLb.Announcer.Frr;
using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;
using static MetalLb.Announcer.Tests.Frr.TestPeers;

namespace MetalLb.Announcer.Tests.Frr;

/// <summary>The renderer feature by feature, as METALLB-SPEC §1.4–1.6 and §6 describe FRR mode.</summary>
public sealed class FrrConfigRendererTests
{
    public static TheoryData<int?, int?, string?> TimerCases => new()
    {
        { null, null, null },
        { 90, null, "timers 30 90" },
        { null, 10, "timers 10 30" },
        { 9, 3, "timers 3 9" },
        { 0, null, "timers 0 0" },
    };

    public static TheoryData<string, Func<BgpPeerConfig, BgpPeerConfig>, string> NeighborCases => new()
    {
        { "iBGP", c => c with { PeerAsn = 64512 }, " neighbor 192.0.2.2 remote-as 64512" },
        { "dynamic internal", c => c with { PeerAsn = null, DynamicAsn = "internal" }, " neighbor 192.0.2.2 remote-as internal" },
        { "dynamic external", c => c with { PeerAsn = null, DynamicAsn = "external" }, " neighbor 192.0.2.2 remote-as external" },
        { "port", c => c with { Port = 1179 }, " neighbor 192.0.2.2 port 1179" },
        { "multi-hop", c => c with { EbgpMultiHop = true }, " neighbor 192.0.2.2 ebgp-multihop 255" },
        { "source address", c => c with { SourceAddress = "192.0.2.1" }, " neighbor 192.0.2.2 update-source 192.0.2.1" },
        { "connect time", c => c with { ConnectTime = TimeSpan.FromSeconds(5) }, " neighbor 192.0.2.2 timers connect 5" },
        { "local ASN", c => c with { LocalAsn = 65001 }, " neighbor 192.0.2.2 local-as 65001 no-prepend replace-as" },
        { "BFD profile", c => c with { BfdProfile = "fast" }, " neighbor 192.0.2.2 bfd profile fast" },
        { "graceful restart", c => c with { EnableGracefulRestart = true }, " neighbor 192.0.2.2 graceful-restart" },
        { "router id", c => c with { RouterId = "192.0.2.1" }, " bgp router-id 192.0.2.1" },
        { "VRF", c => c with { Vrf = "red" }, "router bgp 64512 vrf red" },
        { "unnumbered", c => c with { Address = null, Interface = "eth1" }, " neighbor eth1 interface remote-as 64513" },
        { "IPv6 canonical", c => c with { Address = "2001:DB8:F7:0::2" }, " neighbor 2001:db8:f7::2 remote-as 64513" },
    };

    public static TheoryData<string, Func<BgpPeerConfig, BgpPeerConfig>, string> SkippedCases => new()
    {
        { "password problem", c => c with { PasswordProblem = "no sealing key" }, "its password cannot be used: no sealing key" },
        { "no address", c => c with { Address = null }, "neither an address nor an interface" },
        { "bad address", c => c with { Address = "192.0.2.300" }, "address \"192.0.2.300\" is not an IP address" },
        { "interface with a space", c => c with { Address = null, Interface = "eth 1" }, "interface \"eth 1\" is not one word" },
        { "no ASN", c => c with { PeerAsn = null }, "neither peerASN nor dynamicASN internal/external" },
        { "port 0", c => c with { Port = 0 }, "port 0 is out of range" },
        { "IPv6 router id", c => c with { RouterId = "2001:db8::1" }, "routerID \"2001:db8::1\" is not an IPv4 address" },
        { "VRF with a newline", c => c with { Vrf = "red\nno router bgp" }, "is not one word" },
    };

    [Theory]
    [MemberData(nameof(TimerCases))]
    public void Timers_AreWrittenOnlyWhenBothAreKnown(int? hold, int? keepalive, string? expected)
    {
        var config = Config("router") with
        {
            HoldTime = hold is { } h ? TimeSpan.FromSeconds(h) : null,
            KeepaliveTime = keepalive is { } k ? TimeSpan.FromSeconds(k) : null,
        };

        var timers = Lines(Render([Peer(config)])).Where(l => l.StartsWith(" neighbor 192.0.2.2 timers", StringComparison.Ordinal)).ToList();

        Assert.Equal(expected is null ? [] : [$" neighbor 192.0.2.2 {expected}"], timers);
    }

    [Theory]
    [MemberData(nameof(NeighborCases))]
    public void Neighbor_Setting_IsRendered(string name, Func<BgpPeerConfig, BgpPeerConfig> change, string line)
    {
        var text = Render([Peer(change(Config("router")))]);

        Assert.True(Lines(text).Contains(line), $"{name}: no line \"{line}\" in\n{text}");
    }

    [Theory]
    [InlineData("2001:db8:f7::2", 64513u, null, false, true)]
    [InlineData("2001:db8:f7::2", 64513u, null, true, false)]
    [InlineData("2001:db8:f7::2", 64512u, null, false, false)]
    [InlineData("2001:db8:f7::2", null, "external", false, true)]
    [InlineData("2001:db8:f7::2", null, "internal", false, false)]
    [InlineData("192.0.2.2", 64513u, null, false, false)]
    public void DisableConnectedCheck_OnlyForSingleHopIpv6Ebgp(string address, uint? peerAsn, string? dynamicAsn, bool multiHop, bool expected)
    {
        var text = Render([Peer(Config("router", address) with { PeerAsn = peerAsn, DynamicAsn = dynamicAsn, EbgpMultiHop = multiHop })]);

        Assert.Equal(expected, text.Contains($" neighbor {address} disable-connected-check\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Neighbor_WithDefaults_HasNoOptionalLines()
    {
        var neighborLines = Lines(Render([Peer("router")])).Where(l => l.StartsWith(" neighbor", StringComparison.Ordinal));

        Assert.Equal([" neighbor 192.0.2.2 remote-as 64513", " neighbor 192.0.2.2 description router"], neighborLines);
    }

    [Theory]
    [MemberData(nameof(SkippedCases))]
    public void Peer_ThatCannotBeExpressed_IsLeftOutWithTheReason(string name, Func<BgpPeerConfig, BgpPeerConfig> change, string reason)
    {
        var result = FrrConfigRenderer.Render(State([Peer(change(Config("router")))]));

        var skipped = Assert.Single(result.SkippedPeers);
        Assert.Equal("router", skipped.Peer);
        Assert.True(skipped.Reason.Contains(reason, StringComparison.Ordinal), $"{name}: {skipped.Reason}");
        Assert.DoesNotContain("router bgp", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_WithASpace_IsRefused_AndNeverQuoted()
    {
        var result = FrrConfigRenderer.Render(State([Peer(Config("router"), password: "open sesame")]));

        Assert.Equal("the password must be one word of at most 80 characters without spaces", Assert.Single(result.SkippedPeers).Reason);
        Assert.DoesNotContain("sesame", result.Text + string.Join(' ', result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void OneVrf_KeepsTheFirstPeersAsnAndRouterId_AndLeavesOutPeersThatDisagree()
    {
        var result = FrrConfigRenderer.Render(State(
        [
            Peer(Config("a") with { RouterId = "192.0.2.1" }),
            Peer(Config("b", "192.0.2.3") with { MyAsn = 64600 }),
            Peer(Config("c", "192.0.2.4") with { RouterId = "192.0.2.9" }),
            Peer(Config("d", "192.0.2.2")),
            Peer(Config("e", "192.0.2.2") with { Vrf = "red", MyAsn = 64600 }),
        ]));

        Assert.Equal(
            [
                ("b", "myASN 64600 differs from 64512 of peer a in the same VRF (FRR runs one BGP instance per VRF)"),
                ("c", "routerID 192.0.2.9 differs from 192.0.2.1 of another peer in the same VRF (FRR uses one router id per BGP instance)"),
                ("d", "peer a has the same address in the same VRF"),
            ],
            result.SkippedPeers.Select(s => (s.Peer, s.Reason)));
        Assert.Contains("router bgp 64512\n bgp router-id 192.0.2.1\n", result.Text, StringComparison.Ordinal);
        Assert.Contains("router bgp 64600 vrf red\n", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_GoOnlyToTheirPeer_WithTheirOwnAttributes()
    {
        var text = Render(
            [Peer("a"), Peer("b", "192.0.2.3")],
            [Route("203.0.113.1/32", "a", 0, "64512:1"), Route("203.0.113.2/32", "b", 300, "large:1:2:3"), Route("203.0.113.3/32", "nobody")]);

        var lines = Lines(text);
        Assert.Contains("ip prefix-list 192.0.2.2-pl-ipv4 permit 203.0.113.1/32", lines);
        Assert.Contains("ip prefix-list 192.0.2.3-pl-ipv4 permit 203.0.113.2/32", lines);
        Assert.Contains("ip prefix-list 192.0.2.2-ipv4-community-64512:1 permit 203.0.113.1/32", lines);
        Assert.Contains("ip prefix-list 192.0.2.3-ipv4-localpref-300 permit 203.0.113.2/32", lines);
        Assert.Contains("ip prefix-list 192.0.2.3-ipv4-large-community-1:2:3 permit 203.0.113.2/32", lines);
        Assert.DoesNotContain(lines, l => l.Contains("192.0.2.2-pl-ipv4 permit 203.0.113.2/32", StringComparison.Ordinal));
        Assert.Equal(["  network 203.0.113.1/32", "  network 203.0.113.2/32"], lines.Where(l => l.StartsWith("  network", StringComparison.Ordinal)));
    }

    [Fact]
    public void WithdrawnRoute_LeavesNoTrace()
    {
        var text = Render([Peer("a")], [Route("203.0.113.1/32", "a", 200, "64512:1")]);

        var without = Render([Peer("a")], []);

        Assert.Contains("203.0.113.1/32", text, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.1/32", without, StringComparison.Ordinal);
        Assert.DoesNotContain("64512:1", without, StringComparison.Ordinal);
        Assert.DoesNotContain("local-preference", without, StringComparison.Ordinal);
    }

    [Fact]
    public void RouteMap_SetsEachAttributeThenPermitsTheNeighboursPrefixes_AndDeniesEverythingInbound()
    {
        var text = Render([Peer("a")], [Route("203.0.113.1/32", "a", 200, "64512:1", "large:64512:1:1")]);

        Assert.Contains(
            "route-map 192.0.2.2-in deny 20\nexit\n!\n"
            + "route-map 192.0.2.2-out permit 1\n match ip address prefix-list 192.0.2.2-ipv4-localpref-200\n set local-preference 200\n on-match next\nexit\n!\n"
            + "route-map 192.0.2.2-out permit 2\n match ip address prefix-list 192.0.2.2-ipv4-community-64512:1\n set community 64512:1 additive\n on-match next\nexit\n!\n"
            + "route-map 192.0.2.2-out permit 3\n match ip address prefix-list 192.0.2.2-ipv4-large-community-64512:1:1\n set large-community 64512:1:1 additive\n on-match next\nexit\n!\n"
            + "route-map 192.0.2.2-out permit 4\n match ip address prefix-list 192.0.2.2-pl-ipv4\nexit\n",
            text,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("65535:65281", "no-export")]
    [InlineData("65535:666", "blackhole")]
    [InlineData("0:0", "internet")]
    [InlineData("65535:9", "65535:9")]
    public void WellKnownCommunity_IsSetByFrrsName(string community, string written)
    {
        var text = Render([Peer("a")], [Route("203.0.113.1/32", "a", 0, community)]);

        Assert.Contains($"ip prefix-list 192.0.2.2-ipv4-community-{community} permit 203.0.113.1/32", text, StringComparison.Ordinal);
        Assert.Contains($" set community {written} additive\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6Route_ToAnIpv4OnlySession_IsAProblem_UntilDualStack()
    {
        var route = Route("2001:db8:100::1/128", "a");

        var single = FrrConfigRenderer.Render(State([Peer("a")], [route]));
        var dual = FrrConfigRenderer.Render(State([Peer(Config("a") with { DualStackAddressFamily = true })], [route]));

        Assert.Equal("route 2001:db8:100::1/128 to peer a: the session carries no IPv6 (dualStackAddressFamily is off)", Assert.Single(single.Problems));
        Assert.DoesNotContain("2001:db8:100::1/128", single.Text, StringComparison.Ordinal);
        Assert.Empty(dual.Problems);
        Assert.Contains("ipv6 prefix-list 192.0.2.2-pl-ipv6 permit 2001:db8:100::1/128", dual.Text, StringComparison.Ordinal);
        Assert.Contains(" address-family ipv6 unicast\n  network 2001:db8:100::1/128\n  neighbor 192.0.2.2 activate\n", dual.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void BadCommunityAndPrefix_AreProblems_TheRestIsRendered()
    {
        var result = FrrConfigRenderer.Render(State([Peer("a")], [Route("203.0.113.1/32", "a", 0, "70000:1", "64512:1"), Route("203.0.113.1/33", "a")]));

        Assert.Equal(
            ["route 203.0.113.1/32 to peer a: community \"70000:1\" is neither A:B nor large:A:B:C", "route 203.0.113.1/33 to peer a: not a prefix"],
            result.Problems);
        Assert.Contains("set community 64512:1 additive", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SamePrefixTwiceForOnePeer_IsMerged()
    {
        var text = Render([Peer("a")], [Route("203.0.113.1/32", "a", 100, "64512:2"), Route("203.0.113.1/32", "a", 200, "64512:1")]);

        Assert.Contains("set local-preference 200", text, StringComparison.Ordinal);
        Assert.DoesNotContain("local-preference 100", text, StringComparison.Ordinal);
        Assert.Contains("192.0.2.2-ipv4-community-64512:1 permit", text, StringComparison.Ordinal);
        Assert.Contains("192.0.2.2-ipv4-community-64512:2 permit", text, StringComparison.Ordinal);
        Assert.Single(Lines(text), l => l == "  network 203.0.113.1/32");
    }

    [Fact]
    public void Output_DoesNotDependOnInputOrder()
    {
        ResolvedPeer[] peers = [Peer("a"), Peer("b", "2001:db8:f7::2"), Peer(Config("c", "198.51.100.2") with { Vrf = "red" })];
        RouteAdvertisement[] routes =
        [
            Route("203.0.113.10/32", "a", 0, "64512:10", "64512:9"), Route("203.0.113.9/32", "a"), Route("2001:db8:100::2/128", "b"),
            Route("2001:db8:100::1/128", "b", 0, "large:1:1:10", "large:1:1:9"), Route("203.0.113.1/32", "c"),
        ];
        BfdProfileConfig[] profiles = [Profile("z"), Profile("a")];

        var forward = Render(peers, routes, profiles);
        var backward = Render([.. peers.Reverse()], [.. routes.Reverse()], [.. profiles.Reverse()]);

        Assert.Equal(forward, backward);
        Assert.True(forward.IndexOf("203.0.113.9/32", StringComparison.Ordinal) < forward.IndexOf("203.0.113.10/32", StringComparison.Ordinal));
        Assert.True(forward.IndexOf("community-64512:9", StringComparison.Ordinal) < forward.IndexOf("community-64512:10", StringComparison.Ordinal));
    }

    [Fact]
    public void BfdProfile_EchoIntervalSetsBothEchoIntervals_UnsetNumbersAreLeftToFrr()
    {
        var text = Render([], profiles: [new BfdProfileConfig("p", null, 50, null, 60, EchoMode: true, PassiveMode: false, MinimumTtl: null)]);

        Assert.EndsWith(
            "bfd\n profile p\n  transmit-interval 50\n  echo-mode\n  echo receive-interval 60\n  echo transmit-interval 60\n exit\n !\nexit\n!\n",
            text,
            StringComparison.Ordinal);
    }
}
