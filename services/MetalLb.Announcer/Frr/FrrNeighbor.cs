using MetalLb.Hosting.Bgp;

namespace MetalLb.Announcer.Frr;

/// <summary>A peer as it appears in one <c>router bgp</c> block, with the routes it is sent.</summary>
/// <param name="Peer">The peer.</param>
/// <param name="Key">How FRR names the neighbour: its address, or the interface of an unnumbered session.</param>
/// <param name="IsInterface">An unnumbered session (<c>neighbor IF interface remote-as …</c>).</param>
/// <param name="RemoteAs">The peer's ASN, or <c>internal</c>/<c>external</c>.</param>
/// <param name="V4">IPv4 unicast is activated.</param>
/// <param name="V6">IPv6 unicast is activated.</param>
internal sealed record FrrNeighbor(ResolvedPeer Peer, string Key, bool IsInterface, string RemoteAs, bool V4, bool V6)
{
    /// <summary>Names this neighbour's prefix-lists and route-maps; the VRF keeps them apart across BGP instances.</summary>
    public string Id => Peer.Config.Vrf.Length == 0 ? Key : $"{Key}-{Peer.Config.Vrf}";

    public SortedDictionary<System.Net.IPNetwork, FrrRoute> Routes { get; } = new(FrrPrefixOrder.Instance);

    public bool Activates(bool v6) => v6 ? V6 : V4;
}
