using System.Buffers.Binary;
using MetalLb.Bgp.Capabilities;
using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Codec;

/// <summary>OPEN bodies (RFC 4271 §4.2) and their Capabilities parameters (RFC 5492); errors per RFC 4271 §6.2.</summary>
internal static class OpenCodec
{
    private const byte CapabilitiesParameterType = 2;

    public static BgpDecodeResult Decode(ReadOnlySpan<byte> body)
    {
        if (body[0] != 4)
        {
            return Fail(OpenMessageError.UnsupportedVersionNumber, $"version {body[0]}", 0, 4);
        }

        var myAs = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
        var holdTime = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
        var identifier = BinaryPrimitives.ReadUInt32BigEndian(body[5..]);
        var parametersLength = body[9];
        if (10 + parametersLength != body.Length)
        {
            return Fail(OpenMessageError.Unspecific, $"optional parameters length {parametersLength} disagrees with the message");
        }

        if (myAs == 0)
        {
            return Fail(OpenMessageError.BadPeerAs, "My AS is 0", body[1], body[2]);
        }

        if (holdTime is 1 or 2)
        {
            return Fail(OpenMessageError.UnacceptableHoldTime, $"hold time {holdTime} (must be 0 or at least 3)");
        }

        if (identifier == 0)
        {
            return Fail(OpenMessageError.BadBgpIdentifier, "BGP identifier 0.0.0.0");
        }

        var parameters = new List<CapabilitiesParameter>();
        var data = body[10..];
        while (!data.IsEmpty)
        {
            if (data.Length < 2 || data.Length < 2 + data[1])
            {
                return Fail(OpenMessageError.Unspecific, "optional parameter overruns the parameters");
            }

            if (data[0] != CapabilitiesParameterType)
            {
                return Fail(OpenMessageError.UnsupportedOptionalParameter, $"optional parameter type {data[0]}");
            }

            var capabilities = new List<BgpCapability>();
            if (ReadCapabilities(data.Slice(2, data[1]), capabilities) is { } error)
            {
                return BgpDecodeResult.Fail(error);
            }

            parameters.Add(new CapabilitiesParameter(capabilities));
            data = data[(2 + data[1])..];
        }

        return BgpDecodeResult.Ok(new OpenMessage(4, myAs, holdTime, identifier, parameters));
    }

    public static void Write(ByteSink sink, OpenMessage open)
    {
        sink.Byte(open.Version);
        sink.UInt16(open.MyAs);
        sink.UInt16(open.HoldTime);
        sink.UInt32(open.BgpIdentifier);
        var parametersAt = sink.Length;
        sink.Byte(0);
        foreach (var parameter in open.Parameters)
        {
            sink.Byte(CapabilitiesParameterType);
            var parameterAt = sink.Length;
            sink.Byte(0);
            foreach (var capability in parameter.Capabilities)
            {
                sink.Byte(capability.Code);
                var capabilityAt = sink.Length;
                sink.Byte(0);
                WriteCapability(sink, capability);
                sink.PatchByte(capabilityAt, Checked(sink.Length - capabilityAt - 1));
            }

            sink.PatchByte(parameterAt, Checked(sink.Length - parameterAt - 1));
        }

        sink.PatchByte(parametersAt, Checked(sink.Length - parametersAt - 1));
    }

    private static BgpError? ReadCapabilities(ReadOnlySpan<byte> data, List<BgpCapability> into)
    {
        while (!data.IsEmpty)
        {
            if (data.Length < 2 || data.Length < 2 + data[1])
            {
                return Error(OpenMessageError.Unspecific, "capability overruns its parameter");
            }

            var code = data[0];
            var value = data.Slice(2, data[1]);
            data = data[(2 + value.Length)..];
            BgpCapability? capability = (CapabilityCode)code switch
            {
                CapabilityCode.Multiprotocol when value.Length == 4 =>
                    new MultiprotocolCapability((Afi)BinaryPrimitives.ReadUInt16BigEndian(value), (Safi)value[3], value[2]),
                CapabilityCode.RouteRefresh when value.IsEmpty => new RouteRefreshCapability(),
                CapabilityCode.FourOctetAs when value.Length == 4 => new FourOctetAsCapability(BinaryPrimitives.ReadUInt32BigEndian(value)),
                CapabilityCode.GracefulRestart when value.Length >= 2 && (value.Length - 2) % 4 == 0 => ReadGracefulRestart(value),
                CapabilityCode.Multiprotocol or CapabilityCode.RouteRefresh or CapabilityCode.FourOctetAs or CapabilityCode.GracefulRestart => null,
                _ => new UnknownCapability(code, value.ToArray()),
            };
            if (capability is null)
            {
                return Error(OpenMessageError.Unspecific, $"capability {code} has a bad length {value.Length}");
            }

            if (capability is FourOctetAsCapability { Asn: 0 })
            {
                return Error(OpenMessageError.BadPeerAs, "4-octet AS capability carries AS 0");
            }

            into.Add(capability);
        }

        return null;
    }

    private static GracefulRestartCapability ReadGracefulRestart(ReadOnlySpan<byte> value)
    {
        var head = BinaryPrimitives.ReadUInt16BigEndian(value);
        var families = new List<GracefulRestartFamily>();
        for (var at = 2; at < value.Length; at += 4)
        {
            families.Add(new GracefulRestartFamily((Afi)BinaryPrimitives.ReadUInt16BigEndian(value[at..]), (Safi)value[at + 2], value[at + 3]));
        }

        return new GracefulRestartCapability((byte)(head >> 12), (ushort)(head & 0x0FFF), families);
    }

    private static void WriteCapability(ByteSink sink, BgpCapability capability)
    {
        switch (capability)
        {
            case MultiprotocolCapability mp:
                sink.UInt16((ushort)mp.Afi);
                sink.Byte(mp.Reserved);
                sink.Byte((byte)mp.Safi);
                break;
            case FourOctetAsCapability four:
                sink.UInt32(four.Asn);
                break;
            case GracefulRestartCapability gr:
                sink.UInt16((ushort)((gr.RestartFlags << 12) | (gr.RestartTime & 0x0FFF)));
                foreach (var family in gr.Families)
                {
                    sink.UInt16((ushort)family.Afi);
                    sink.Byte((byte)family.Safi);
                    sink.Byte(family.Flags);
                }

                break;
            case UnknownCapability unknown:
                sink.Bytes(unknown.Value);
                break;
            default:
                break;
        }
    }

    private static byte Checked(int length) =>
        length <= byte.MaxValue ? (byte)length : throw new ArgumentException($"OPEN parameter of {length} octets does not fit one length octet");

    private static BgpError Error(OpenMessageError subcode, string reason, params byte[] data) =>
        BgpError.Reset(NotificationMessage.Open(subcode, data), reason);

    private static BgpDecodeResult Fail(OpenMessageError subcode, string reason, params byte[] data) => BgpDecodeResult.Fail(Error(subcode, reason, data));
}
