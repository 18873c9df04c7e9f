using MetalLb.Bgp.Messages;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Attributes;

/// <summary>MP_UNREACH_NLRI (RFC 4760 §4); with no prefixes it is the End-of-RIB marker of that family (RFC 4724 §2).</summary>
public sealed record MpUnreachNlriAttribute(Afi Afi, Safi Safi, IReadOnlyList<IpPrefix> Withdrawn, byte Flags = AttributeFlags.Optional)
    : PathAttribute(Flags)
{
    public override byte TypeCode => (byte)AttributeType.MpUnreachNlri;
}
