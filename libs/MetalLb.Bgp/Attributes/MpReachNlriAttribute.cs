using MetalLb.Bgp.Messages;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Attributes;

/// <summary>
/// MP_REACH_NLRI for IPv4 or IPv6 unicast (RFC 4760 §3). An IPv6 next hop is 16 octets, or 32 when a link-local
/// address follows the global one (RFC 2545 §3).
/// </summary>
public sealed record MpReachNlriAttribute(
    Afi Afi,
    Safi Safi,
    IpAddress NextHop,
    IpAddress? LinkLocalNextHop,
    IReadOnlyList<IpPrefix> Nlri,
    byte Flags = AttributeFlags.Optional) : PathAttribute(Flags)
{
    public override byte TypeCode => (byte)AttributeType.MpReachNlri;
}
