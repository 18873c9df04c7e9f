using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Codec;

/// <summary>Encodes UPDATE bodies (RFC 4271 §4.3); attributes go out in the order given, with the flags they carry.</summary>
internal static class UpdateWriter
{
    public static void Write(ByteSink sink, UpdateMessage update, BgpCodecOptions options)
    {
        var withdrawnAt = sink.Length;
        sink.UInt16(0);
        foreach (var prefix in update.Withdrawn)
        {
            PrefixCodec.Write(sink, prefix);
        }

        sink.PatchUInt16(withdrawnAt, (ushort)(sink.Length - withdrawnAt - 2));
        var attributesAt = sink.Length;
        sink.UInt16(0);
        foreach (var attribute in update.Attributes)
        {
            var value = new ByteSink();
            WriteValue(value, attribute, options);
            var extended = value.Length > byte.MaxValue || (attribute.Flags & AttributeFlags.ExtendedLength) != 0;
            sink.Byte((byte)(extended ? attribute.Flags | AttributeFlags.ExtendedLength : attribute.Flags));
            sink.Byte(attribute.TypeCode);
            if (extended)
            {
                sink.UInt16((ushort)value.Length);
            }
            else
            {
                sink.Byte((byte)value.Length);
            }

            sink.Bytes(value.Written);
        }

        sink.PatchUInt16(attributesAt, (ushort)(sink.Length - attributesAt - 2));
        foreach (var prefix in update.Nlri)
        {
            PrefixCodec.Write(sink, prefix);
        }
    }

    private static void WriteValue(ByteSink sink, PathAttribute attribute, BgpCodecOptions options)
    {
        switch (attribute)
        {
            case OriginAttribute origin:
                sink.Byte((byte)origin.Origin);
                break;
            case AsPathAttribute path:
                foreach (var segment in path.Segments)
                {
                    sink.Byte((byte)segment.SegmentType);
                    sink.Byte((byte)segment.Asns.Count);
                    foreach (var asn in segment.Asns)
                    {
                        if (options.FourOctetAs)
                        {
                            sink.UInt32(asn);
                        }
                        else
                        {
                            // A 2-octet session carries AS_TRANS for ASNs that do not fit (RFC 6793 §4.2.2).
                            sink.UInt16(asn > ushort.MaxValue ? OpenMessage.AsTrans : (ushort)asn);
                        }
                    }
                }

                break;
            case NextHopAttribute nextHop:
                PrefixCodec.Write(sink, nextHop.NextHop);
                break;
            case MultiExitDiscAttribute med:
                sink.UInt32(med.Value);
                break;
            case LocalPrefAttribute localPref:
                sink.UInt32(localPref.Value);
                break;
            case CommunitiesAttribute communities:
                foreach (var community in communities.Communities)
                {
                    sink.UInt32(community.Value);
                }

                break;
            case LargeCommunitiesAttribute large:
                foreach (var community in large.Communities)
                {
                    sink.UInt32(community.GlobalAdministrator);
                    sink.UInt32(community.LocalData1);
                    sink.UInt32(community.LocalData2);
                }

                break;
            case MpReachNlriAttribute reach:
                sink.UInt16((ushort)reach.Afi);
                sink.Byte((byte)reach.Safi);
                sink.Byte((byte)((reach.NextHop.BitLength / 8) + (reach.LinkLocalNextHop is null ? 0 : 16)));
                PrefixCodec.Write(sink, reach.NextHop);
                if (reach.LinkLocalNextHop is { } linkLocal)
                {
                    PrefixCodec.Write(sink, linkLocal);
                }

                sink.Byte(0);
                foreach (var prefix in reach.Nlri)
                {
                    PrefixCodec.Write(sink, prefix);
                }

                break;
            case MpUnreachNlriAttribute unreach:
                sink.UInt16((ushort)unreach.Afi);
                sink.Byte((byte)unreach.Safi);
                foreach (var prefix in unreach.Withdrawn)
                {
                    PrefixCodec.Write(sink, prefix);
                }

                break;
            case RawAttribute raw:
                sink.Bytes(raw.Value);
                break;
            default:
                throw new ArgumentException($"cannot encode {attribute.GetType().Name}", nameof(attribute));
        }
    }
}
