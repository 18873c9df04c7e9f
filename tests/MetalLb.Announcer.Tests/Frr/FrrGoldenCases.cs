using MetalLb.Announcer.Frr;
using MetalLb.Contracts;
using static MetalLb.Announcer.Tests.Frr.TestPeers;

namespace MetalLb.Announcer.Tests.Frr;

/// <summary>Whole configurations whose rendering is kept in TestData/Frr/&lt;case&gt;/frr.conf.</summary>
internal static class FrrGoldenCases
{
    public static IReadOnlyDictionary<string, FrrDesiredState> All { get; } = new Dictionary<string, FrrDesiredState>(StringComparer.Ordinal)
    {
        ["no-peers"] = State([]),

        // iBGP (LOCAL_PREF is sent) with a password, timers from the hold time alone, BFD, GR and every route attribute.
        ["ibgp-attributes"] = State(
            [Peer(Config("router") with
            {
                PeerAsn = 64512, HoldTime = TimeSpan.FromSeconds(9), RouterId = "192.0.2.1", BfdProfile = "fast", EnableGracefulRestart = true,
                SourceAddress = "192.0.2.1", ConnectTime = TimeSpan.FromSeconds(2),
            }, password: "s3cret")],
            [
                Route("203.0.113.10/32", "router", 200, "64512:100", "large:64512:1:2"),
                Route("203.0.113.11/32", "router", 0, "64512:100", "65535:65281"),
                Route("203.0.113.12/32", "router", 100),
            ],
            [new BfdProfileConfig("fast", 150, 160, 4, 70, EchoMode: false, PassiveMode: true, MinimumTtl: 250)]),

        // Two eBGP sessions, one per family; a route restricted to one of them; multi-hop, port, keepalive alone.
        ["ebgp-two-families"] = State(
            [
                Peer(Config("v4") with { EbgpMultiHop = true, Port = 1179, KeepaliveTime = TimeSpan.FromSeconds(10) }),
                Peer(Config("v6", "2001:db8:f7::2") with { PeerAsn = 64514 }),
            ],
            [
                Route("203.0.113.10/32", "v4"),
                Route("203.0.113.0/24", "v4", 0, "64512:7"),
                Route("2001:db8:100::/128", "v6", 0, "large:64512:6:6"),
                Route("2001:db8:100::1/128", "v6"),
            ]),

        // Dual-stack sessions, a VRF, an unnumbered peer with dynamic ASN, local-as.
        ["vrf-unnumbered-dualstack"] = State(
            [
                Peer(Config("dual") with { DualStackAddressFamily = true, LocalAsn = 65001 }),
                Peer(Config("unnumbered", null) with { Interface = "eth1", PeerAsn = null, DynamicAsn = "external" }),
                Peer(Config("red-peer", "198.51.100.2") with { Vrf = "red", MyAsn = 64600, RouterId = "198.51.100.1" }),
            ],
            [
                Route("203.0.113.10/32", "dual"),
                Route("2001:db8:100::a/128", "dual"),
                Route("203.0.113.10/32", "unnumbered"),
                Route("203.0.113.20/32", "red-peer", 0, "64600:1"),
            ]),

        // Profiles alone: every field, and all defaults.
        ["bfd-profiles"] = State(
            [Peer(Config("router") with { BfdProfile = "full" })],
            profiles:
            [
                new BfdProfileConfig("full", 100, 200, 5, 60, EchoMode: true, PassiveMode: true, MinimumTtl: 10),
                Profile("defaults"),
            ]),
    };
}
