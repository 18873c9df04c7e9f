using System.Net;
using System.Net.Sockets;

namespace MetalLb.TestSupport.Bgp;

/// <summary>A route a router fixture originates, with the attributes it sends it with.</summary>
public sealed record OriginatedRoute(IPNetwork Prefix)
{
    /// <summary>Standard communities as <c>ASN:value</c>.</summary>
    public IReadOnlyList<string> Communities { get; init; } = [];

    /// <summary>Large communities as <c>global:local1:local2</c>.</summary>
    public IReadOnlyList<string> LargeCommunities { get; init; } = [];

    public uint? LocalPref { get; init; }

    public uint? Med { get; init; }

    public BgpFamily Family => Prefix.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6
        ? BgpFamily.Ipv6
        : BgpFamily.Ipv4;
}
