using System.Net;

namespace MetalLb.Announcer.Frr;

/// <summary>One prefix to one neighbour with the attributes the neighbour's outbound route-map sets.</summary>
internal sealed record FrrRoute(IPNetwork Prefix, uint LocalPref, IReadOnlyList<string> Communities, IReadOnlyList<string> LargeCommunities)
{
    public bool IsV6 => Prefix.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
}
