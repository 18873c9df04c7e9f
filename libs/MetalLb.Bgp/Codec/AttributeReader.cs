using System.Buffers.Binary;
using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Codec;

/// <summary>
/// Reads an UPDATE's path attributes, keeping the most severe error. The action for each error follows RFC 7606 §7
/// (and RFC 4760 §7 for MP_* attributes); the NOTIFICATION subcode and data follow RFC 4271 §6.3.
/// </summary>
internal sealed class AttributeReader(BgpCodecOptions options)
{
    private readonly bool[] _seen = new bool[256];

    public List<PathAttribute> Attributes { get; } = [];

    public BgpError? Error { get; private set; }

    public void ReadAll(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && Error is not { Action: BgpErrorAction.SessionReset })
        {
            var extended = (data[0] & AttributeFlags.ExtendedLength) != 0;
            var headerLength = extended ? 4 : 3;
            if (data.Length < headerLength)
            {
                Record(UpdateMessageError.MalformedAttributeList, BgpErrorAction.TreatAsWithdraw, "attribute header cut short", []);
                return;
            }

            var length = extended ? BinaryPrimitives.ReadUInt16BigEndian(data[2..]) : data[2];
            if (headerLength + length > data.Length)
            {
                Record(UpdateMessageError.AttributeLengthError, BgpErrorAction.TreatAsWithdraw, $"attribute {data[1]} overruns the attribute list", []);
                return;
            }

            Read(data[0], data[1], data.Slice(headerLength, length), data[..(headerLength + length)]);
            data = data[(headerLength + length)..];
        }
    }

    public void RequirePresent(AttributeType type)
    {
        if (!_seen[(byte)type])
        {
            Record(UpdateMessageError.MissingWellKnownAttribute, BgpErrorAction.TreatAsWithdraw, $"missing {type}", [(byte)type]);
        }
    }

    private void Read(byte flags, byte type, ReadOnlySpan<byte> value, ReadOnlySpan<byte> whole)
    {
        if (_seen[type])
        {
            var mp = type is (byte)AttributeType.MpReachNlri or (byte)AttributeType.MpUnreachNlri;
            Record(UpdateMessageError.MalformedAttributeList, mp ? BgpErrorAction.SessionReset : BgpErrorAction.AttributeDiscard, $"attribute {type} repeated", []);
            return;
        }

        _seen[type] = true;
        if (ExpectedFlags(type) is { } expected && (flags & AttributeFlags.OptionalTransitive) != expected)
        {
            var mp = type is (byte)AttributeType.MpReachNlri or (byte)AttributeType.MpUnreachNlri;
            Record(UpdateMessageError.AttributeFlagsError, mp ? BgpErrorAction.SessionReset : BgpErrorAction.TreatAsWithdraw,
                $"attribute {type} has flags 0x{flags:x2}", whole.ToArray());
            return;
        }

        var attribute = Parse(flags, type, value, whole);
        if (attribute is not null)
        {
            Attributes.Add(attribute);
        }
    }

    private PathAttribute? Parse(byte flags, byte type, ReadOnlySpan<byte> value, ReadOnlySpan<byte> whole)
    {
        switch ((AttributeType)type)
        {
            case AttributeType.Origin when value.Length != 1:
                return Malformed(UpdateMessageError.AttributeLengthError, BgpErrorAction.TreatAsWithdraw, "ORIGIN length", whole);
            case AttributeType.Origin when value[0] > (byte)Origin.Incomplete:
                return Malformed(UpdateMessageError.InvalidOriginAttribute, BgpErrorAction.TreatAsWithdraw, "ORIGIN value", whole);
            case AttributeType.Origin:
                return new OriginAttribute((Origin)value[0], flags);
            case AttributeType.AsPath:
                return ReadAsPath(value, flags) ?? Malformed(UpdateMessageError.MalformedAsPath, BgpErrorAction.TreatAsWithdraw, "AS_PATH", []);
            case AttributeType.NextHop when value.Length != 4:
                return Malformed(UpdateMessageError.AttributeLengthError, BgpErrorAction.TreatAsWithdraw, "NEXT_HOP length", whole);
            case AttributeType.NextHop:
                return new NextHopAttribute(PrefixCodec.ReadAddress(value), flags);
            case AttributeType.MultiExitDisc when value.Length != 4:
                return Malformed(UpdateMessageError.AttributeLengthError, BgpErrorAction.TreatAsWithdraw, "MULTI_EXIT_DISC length", whole);
            case AttributeType.MultiExitDisc:
                return new MultiExitDiscAttribute(BinaryPrimitives.ReadUInt32BigEndian(value), flags);
            case AttributeType.LocalPref when value.Length != 4:
                return Malformed(UpdateMessageError.AttributeLengthError, BgpErrorAction.TreatAsWithdraw, "LOCAL_PREF length", whole);
            case AttributeType.LocalPref:
                return new LocalPrefAttribute(BinaryPrimitives.ReadUInt32BigEndian(value), flags);
            case AttributeType.AtomicAggregate when value.Length != 0:
                return Malformed(UpdateMessageError.AttributeLengthError, BgpErrorAction.AttributeDiscard, "ATOMIC_AGGREGATE length", whole);
            case AttributeType.Aggregator when value.Length != (options.FourOctetAs ? 8 : 6):
                return Malformed(UpdateMessageError.AttributeLengthError, BgpErrorAction.AttributeDiscard, "AGGREGATOR length", whole);
            case AttributeType.Communities when value.Length == 0 || value.Length % 4 != 0:
                return Malformed(UpdateMessageError.AttributeLengthError, BgpErrorAction.TreatAsWithdraw, "COMMUNITIES length", whole);
            case AttributeType.Communities:
                return new CommunitiesAttribute(ReadUInt32s(value).Select(v => new Community(v)).ToArray(), flags);
            case AttributeType.LargeCommunity when value.Length == 0 || value.Length % 12 != 0:
                return Malformed(UpdateMessageError.AttributeLengthError, BgpErrorAction.TreatAsWithdraw, "LARGE_COMMUNITY length", whole);
            case AttributeType.LargeCommunity:
                var words = ReadUInt32s(value);
                return new LargeCommunitiesAttribute(
                    Enumerable.Range(0, words.Length / 3).Select(i => new LargeCommunity(words[3 * i], words[(3 * i) + 1], words[(3 * i) + 2])).ToArray(), flags);
            case AttributeType.MpReachNlri:
                return MpNlriReader.ReadReach(flags, value)
                    ?? Malformed(UpdateMessageError.OptionalAttributeError, BgpErrorAction.SessionReset, "MP_REACH_NLRI", []);
            case AttributeType.MpUnreachNlri:
                return MpNlriReader.ReadUnreach(flags, value)
                    ?? Malformed(UpdateMessageError.OptionalAttributeError, BgpErrorAction.SessionReset, "MP_UNREACH_NLRI", []);
            default:
                if ((flags & AttributeFlags.Optional) == 0 && type != (byte)AttributeType.AtomicAggregate)
                {
                    return Malformed(UpdateMessageError.UnrecognizedWellKnownAttribute, BgpErrorAction.SessionReset, $"well-known attribute {type}", whole);
                }

                return new RawAttribute(flags, type, value.ToArray());
        }
    }

    private AsPathAttribute? ReadAsPath(ReadOnlySpan<byte> value, byte flags)
    {
        var size = options.FourOctetAs ? 4 : 2;
        var segments = new List<AsPathSegment>();
        while (!value.IsEmpty)
        {
            if (value.Length < 2 || value[0] is not ((byte)AsPathSegmentType.AsSet or (byte)AsPathSegmentType.AsSequence)
                || value[1] == 0 || value.Length < 2 + (value[1] * size))
            {
                return null;
            }

            var asns = new uint[value[1]];
            for (var i = 0; i < asns.Length; i++)
            {
                var at = value[(2 + (i * size))..];
                asns[i] = size == 4 ? BinaryPrimitives.ReadUInt32BigEndian(at) : BinaryPrimitives.ReadUInt16BigEndian(at);
            }

            segments.Add(new AsPathSegment((AsPathSegmentType)value[0], asns));
            value = value[(2 + (asns.Length * size))..];
        }

        return new AsPathAttribute(segments, flags);
    }

    private static byte? ExpectedFlags(byte type) => (AttributeType)type switch
    {
        AttributeType.Origin or AttributeType.AsPath or AttributeType.NextHop or AttributeType.LocalPref or AttributeType.AtomicAggregate =>
            AttributeFlags.WellKnown,
        AttributeType.MultiExitDisc or AttributeType.MpReachNlri or AttributeType.MpUnreachNlri => AttributeFlags.Optional,
        AttributeType.Aggregator or AttributeType.Communities or AttributeType.LargeCommunity or AttributeType.As4Path or AttributeType.As4Aggregator =>
            AttributeFlags.OptionalTransitive,
        _ => null,
    };

    private static uint[] ReadUInt32s(ReadOnlySpan<byte> value)
    {
        var words = new uint[value.Length / 4];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt32BigEndian(value[(4 * i)..]);
        }

        return words;
    }

    private PathAttribute? Malformed(UpdateMessageError subcode, BgpErrorAction action, string what, ReadOnlySpan<byte> data)
    {
        Record(subcode, action, $"malformed {what}", data.ToArray());
        return null;
    }

    private void Record(UpdateMessageError subcode, BgpErrorAction action, string reason, byte[] data)
    {
        if (Error is null || action < Error.Action)
        {
            Error = new BgpError(NotificationMessage.Update(subcode, data), action, reason);
        }
    }
}
