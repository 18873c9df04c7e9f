namespace MetalLb.IntegrationTests.Otlp;

/// <summary>
/// The protobuf wire format, as little of it as reading OTLP needs: varint, fixed32, fixed64 and length-delimited
/// fields (https://protobuf.dev/programming-guides/encoding/). Groups are not used by OTLP and are refused.
/// </summary>
internal static class ProtoReader
{
    public static IEnumerable<ProtoField> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message.Span, ref position);
            var number = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    yield return new ProtoField(number, Varint(message.Span, ref position), default);
                    break;
                case 1:
                    yield return new ProtoField(number, BitConverter.ToUInt64(message.Span.Slice(position, 8)), default);
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    yield return new ProtoField(number, 0, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    yield return new ProtoField(number, BitConverter.ToUInt32(message.Span.Slice(position, 4)), default);
                    position += 4;
                    break;
                default:
                    throw new FormatException($"wire type {key & 7} of field {number} is not used by OTLP");
            }
        }
    }

    /// <summary>The length-delimited fields numbered <paramref name="number"/>.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).Where(f => f.Number == number).Select(f => f.Bytes);

    private static ulong Varint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("varint longer than 10 bytes");
    }
}
