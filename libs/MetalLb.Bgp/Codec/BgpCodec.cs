using System.Buffers;
using System.Buffers.Binary;
using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Codec;

/// <summary>
/// Frames, decodes and encodes BGP-4 messages (RFC 4271 §4). Decoding never throws on peer input: a malformed
/// message yields a <see cref="BgpError"/> carrying the NOTIFICATION RFC 4271 §6 prescribes.
/// </summary>
public static class BgpCodec
{
    public const int HeaderLength = 19;
    public const int MaxMessageLength = 4096;

    /// <summary>
    /// Looks at the start of a byte stream: true with the message's length when a whole message is there; false
    /// with no error when more bytes are needed; false with an error when the header is bad (RFC 4271 §6.1).
    /// </summary>
    public static bool TryFrame(ReadOnlySpan<byte> buffer, out int length, out BgpError? error)
    {
        length = 0;
        error = null;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        error = CheckHeader(buffer);
        if (error is not null)
        {
            return false;
        }

        length = BinaryPrimitives.ReadUInt16BigEndian(buffer[16..]);
        return buffer.Length >= length;
    }

    /// <summary>Decodes one whole message, header included.</summary>
    public static BgpDecodeResult Decode(ReadOnlySpan<byte> message, BgpCodecOptions options)
    {
        if (message.Length < HeaderLength)
        {
            return BgpDecodeResult.Fail(BgpError.Reset(
                NotificationMessage.Header(MessageHeaderError.BadMessageLength, 0, (byte)message.Length), "message shorter than its header"));
        }

        if (CheckHeader(message) is { } headerError)
        {
            return BgpDecodeResult.Fail(headerError);
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(message[16..]);
        if (message.Length != length)
        {
            return BgpDecodeResult.Fail(BgpError.Reset(
                NotificationMessage.Header(MessageHeaderError.BadMessageLength, message[16], message[17]), "length field disagrees with the message"));
        }

        var body = message[HeaderLength..];
        return (BgpMessageType)message[18] switch
        {
            BgpMessageType.Open => OpenCodec.Decode(body),
            BgpMessageType.Update => UpdateCodec.Decode(body, options),
            BgpMessageType.Notification => BgpDecodeResult.Ok(new NotificationMessage((BgpErrorCode)body[0], body[1], body[2..].ToArray())),
            BgpMessageType.Keepalive => BgpDecodeResult.Ok(KeepaliveMessage.Instance),
            _ => DecodeRouteRefresh(message),
        };
    }

    public static byte[] Encode(BgpMessage message, BgpCodecOptions options)
    {
        var sink = new ByteSink();
        Write(sink, message, options);
        return sink.Written.ToArray();
    }

    public static void Encode(BgpMessage message, BgpCodecOptions options, IBufferWriter<byte> writer)
    {
        var sink = new ByteSink();
        Write(sink, message, options);
        writer.Write(sink.Written);
    }

    private static void Write(ByteSink sink, BgpMessage message, BgpCodecOptions options)
    {
        for (var i = 0; i < 16; i++)
        {
            sink.Byte(0xFF);
        }

        sink.UInt16(0);
        sink.Byte((byte)message.Type);
        switch (message)
        {
            case OpenMessage open:
                OpenCodec.Write(sink, open);
                break;
            case UpdateMessage update:
                UpdateWriter.Write(sink, update, options);
                break;
            case NotificationMessage notification:
                sink.Byte((byte)notification.Code);
                sink.Byte(notification.Subcode);
                sink.Bytes(notification.Data);
                break;
            case RouteRefreshMessage refresh:
                sink.UInt16((ushort)refresh.Afi);
                sink.Byte(refresh.Subtype);
                sink.Byte((byte)refresh.Safi);
                break;
            case KeepaliveMessage:
                break;
            default:
                throw new ArgumentException($"cannot encode {message.GetType().Name}", nameof(message));
        }

        if (sink.Length > MaxMessageLength)
        {
            throw new ArgumentException($"{message.Type} would be {sink.Length} octets, over the {MaxMessageLength} limit", nameof(message));
        }

        sink.PatchUInt16(16, (ushort)sink.Length);
    }

    private static BgpError? CheckHeader(ReadOnlySpan<byte> header)
    {
        if (header[..16].ContainsAnyExcept((byte)0xFF))
        {
            return BgpError.Reset(NotificationMessage.Header(MessageHeaderError.ConnectionNotSynchronized), "marker is not all ones");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(header[16..]);
        var type = header[18];
        var lengthData = new[] { header[16], header[17] };
        if (length < HeaderLength || length > MaxMessageLength)
        {
            return BgpError.Reset(NotificationMessage.Header(MessageHeaderError.BadMessageLength, lengthData), $"length {length} outside 19..4096");
        }

        var minimum = (BgpMessageType)type switch
        {
            BgpMessageType.Open => 29,
            BgpMessageType.Update => 23,
            BgpMessageType.Notification => 21,
            BgpMessageType.Keepalive => 19,
            BgpMessageType.RouteRefresh => 23,
            _ => -1,
        };
        if (minimum < 0)
        {
            return BgpError.Reset(NotificationMessage.Header(MessageHeaderError.BadMessageType, type), $"unknown message type {type}");
        }

        if (length < minimum || ((BgpMessageType)type == BgpMessageType.Keepalive && length != HeaderLength))
        {
            return BgpError.Reset(NotificationMessage.Header(MessageHeaderError.BadMessageLength, lengthData), $"length {length} is wrong for type {type}");
        }

        return null;
    }

    private static BgpDecodeResult DecodeRouteRefresh(ReadOnlySpan<byte> message)
    {
        if (message.Length != 23)
        {
            return BgpDecodeResult.Fail(BgpError.Reset(
                new NotificationMessage(BgpErrorCode.RouteRefreshMessage, (byte)RouteRefreshMessageError.InvalidMessageLength, message.ToArray()),
                "ROUTE-REFRESH is not 23 octets (RFC 7313 §5)"));
        }

        return BgpDecodeResult.Ok(new RouteRefreshMessage((Afi)BinaryPrimitives.ReadUInt16BigEndian(message[19..]), (Safi)message[22], message[21]));
    }
}
