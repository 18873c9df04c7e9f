using MetalLb.Contracts;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Hosting.Tests.Bgp;

/// <summary>Peer sets as the allocator would send them.</summary>
internal static class PeerSets
{
    public static BgpPeerConfig Peer(string name, string address = "198.51.100.1") =>
        new(name, 64500, 64501, null, null, address, null, null, 179, null, null, null, null, null, null, null, false, false, "", false);

    public static BgpPeerConfig Sealed(BgpPeerConfig peer, PasswordKey key, string node, string password) =>
        peer with { Password = PasswordSealer.Seal(key, node, peer.Name, password) };

    public static BgpPeerSet Set(string node, long generation, params BgpPeerConfig[] peers) => new(node, generation, peers, []);
}
