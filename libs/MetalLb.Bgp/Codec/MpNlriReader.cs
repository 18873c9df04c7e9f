using System.Buffers.Binary;
using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Messages;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Codec;

/// <summary>MP_REACH_NLRI and MP_UNREACH_NLRI values (RFC 4760 §3–4) for IPv4 and IPv6 unicast; other families stay raw.</summary>
internal static class MpNlriReader
{
    /// <summary>The attribute, or null when it is malformed.</summary>
    public static PathAttribute? ReadReach(byte flags, ReadOnlySpan<byte> value)
    {
        if (value.Length < 5 || value.Length < 5 + value[3])
        {
            return null;
        }

        var afi = (Afi)BinaryPrimitives.ReadUInt16BigEndian(value);
        var safi = (Safi)value[2];
        if (Family(afi, safi) is not { } family)
        {
            return new RawAttribute(flags, (byte)AttributeType.MpReachNlri, value.ToArray());
        }

        var nextHop = value.Slice(4, value[3]);
        var valid = family == IpFamily.V4 ? nextHop.Length == 4 : nextHop.Length is 16 or 32;
        var prefixes = new List<IpPrefix>();
        if (!valid || !PrefixCodec.TryRead(value[(5 + nextHop.Length)..], family, prefixes))
        {
            return null;
        }

        IpAddress? linkLocal = nextHop.Length == 32 ? PrefixCodec.ReadAddress(nextHop[16..]) : null;
        var global = PrefixCodec.ReadAddress(nextHop[..Math.Min(nextHop.Length, 16)]);
        return new MpReachNlriAttribute(afi, safi, global, linkLocal, prefixes, flags);
    }

    public static PathAttribute? ReadUnreach(byte flags, ReadOnlySpan<byte> value)
    {
        if (value.Length < 3)
        {
            return null;
        }

        var afi = (Afi)BinaryPrimitives.ReadUInt16BigEndian(value);
        var safi = (Safi)value[2];
        if (Family(afi, safi) is not { } family)
        {
            return new RawAttribute(flags, (byte)AttributeType.MpUnreachNlri, value.ToArray());
        }

        var prefixes = new List<IpPrefix>();
        return PrefixCodec.TryRead(value[3..], family, prefixes) ? new MpUnreachNlriAttribute(afi, safi, prefixes, flags) : null;
    }

    private static IpFamily? Family(Afi afi, Safi safi) => (afi, safi) switch
    {
        (Afi.Ipv4, Safi.Unicast) => IpFamily.V4,
        (Afi.Ipv6, Safi.Unicast) => IpFamily.V6,
        _ => null,
    };
}
