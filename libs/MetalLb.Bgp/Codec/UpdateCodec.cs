using System.Buffers.Binary;
using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Messages;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Codec;

/// <summary>
/// Decodes UPDATE bodies (RFC 4271 §4.3). Errors that leave the message unparseable reset the session (RFC 4271
/// §6.3); attribute errors get RFC 7606's lighter treat-as-withdraw or attribute-discard where it allows them.
/// </summary>
internal static class UpdateCodec
{
    public static BgpDecodeResult Decode(ReadOnlySpan<byte> body, BgpCodecOptions options)
    {
        var withdrawnLength = BinaryPrimitives.ReadUInt16BigEndian(body);
        if (4 + withdrawnLength > body.Length)
        {
            return Reset(UpdateMessageError.MalformedAttributeList, "withdrawn routes length overruns the message");
        }

        var attributesLength = BinaryPrimitives.ReadUInt16BigEndian(body[(2 + withdrawnLength)..]);
        if (4 + withdrawnLength + attributesLength > body.Length)
        {
            return Reset(UpdateMessageError.MalformedAttributeList, "total path attribute length overruns the message");
        }

        var withdrawn = new List<IpPrefix>();
        var nlri = new List<IpPrefix>();
        if (!PrefixCodec.TryRead(body.Slice(2, withdrawnLength), IpFamily.V4, withdrawn))
        {
            return Reset(UpdateMessageError.InvalidNetworkField, "malformed withdrawn routes");
        }

        if (!PrefixCodec.TryRead(body[(4 + withdrawnLength + attributesLength)..], IpFamily.V4, nlri))
        {
            return Reset(UpdateMessageError.InvalidNetworkField, "malformed NLRI");
        }

        var state = new AttributeReader(options);
        state.ReadAll(body.Slice(4 + withdrawnLength, attributesLength));
        if (state.Error is { Action: BgpErrorAction.SessionReset } reset)
        {
            return BgpDecodeResult.Fail(reset);
        }

        if (nlri.Count > 0 || state.Attributes.Any(a => a is MpReachNlriAttribute))
        {
            state.RequirePresent(AttributeType.Origin);
            state.RequirePresent(AttributeType.AsPath);
            if (nlri.Count > 0)
            {
                state.RequirePresent(AttributeType.NextHop);
            }
        }

        return new BgpDecodeResult(new UpdateMessage(withdrawn, state.Attributes, nlri), state.Error);
    }

    private static BgpDecodeResult Reset(UpdateMessageError subcode, string reason) =>
        BgpDecodeResult.Fail(BgpError.Reset(NotificationMessage.Update(subcode), reason));
}
