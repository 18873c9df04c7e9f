using MetalLb.Announcer.Frr;
using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Announcer.Tests.Frr;

/// <summary>Peers, profiles, routes and states for FRR tests: an eBGP IPv4 peer with nothing optional set, changed with <c>with</c>.</summary>
internal static class TestPeers
{
    public static BgpPeerConfig Config(string name, string? address = "192.0.2.2") =>
        new(name, MyAsn: 64512, PeerAsn: 64513, DynamicAsn: null, LocalAsn: null, Address: address, Interface: null, SourceAddress: null,
            Port: 179, HoldTime: null, KeepaliveTime: null, ConnectTime: null, RouterId: null, Password: null, PasswordProblem: null,
            BfdProfile: null, EnableGracefulRestart: false, EbgpMultiHop: false, Vrf: "", DualStackAddressFamily: false);

    public static ResolvedPeer Peer(BgpPeerConfig config, string? password = null) => new(config, password);

    public static ResolvedPeer Peer(string name, string? address = "192.0.2.2") => new(Config(name, address), null);

    public static RouteAdvertisement Route(string prefix, string peer, long localPref = 0, params string[] communities) =>
        new(prefix, peer, localPref, communities);

    public static BfdProfileConfig Profile(string name) => new(name, null, null, null, null, EchoMode: false, PassiveMode: false, MinimumTtl: null);

    public static FrrDesiredState State(IReadOnlyList<ResolvedPeer> peers, IReadOnlyCollection<RouteAdvertisement>? routes = null, IReadOnlyList<BfdProfileConfig>? profiles = null) =>
        new("node-a", "informational", "8.4.4", peers, profiles ?? [], routes ?? []);

    public static string Render(IReadOnlyList<ResolvedPeer> peers, IReadOnlyCollection<RouteAdvertisement>? routes = null, IReadOnlyList<BfdProfileConfig>? profiles = null) =>
        FrrConfigRenderer.Render(State(peers, routes, profiles)).Text;

    public static string[] Lines(string text) => text.Split('\n');
}
