using System.Net;

namespace MetalLb.TestSupport.Bgp;

/// <summary>A path a router learned from a BGP neighbour, as parsed from the daemon's RIB.</summary>
public sealed record BgpRoute(
    IPNetwork Prefix,
    IPAddress? NextHop,
    IPAddress? Peer,
    uint? LocalPref,
    uint? Med,
    IReadOnlyList<string> Communities,
    IReadOnlyList<string> LargeCommunities,
    IReadOnlyList<uint> AsPath);
