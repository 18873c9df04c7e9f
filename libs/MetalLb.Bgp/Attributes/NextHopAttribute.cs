using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Attributes;

/// <summary>NEXT_HOP for IPv4 NLRI, well-known mandatory when the UPDATE carries IPv4 NLRI (RFC 4271 §5.1.3).</summary>
public sealed record NextHopAttribute(IpAddress NextHop, byte Flags = AttributeFlags.WellKnown) : PathAttribute(Flags)
{
    public override byte TypeCode => (byte)AttributeType.NextHop;
}
