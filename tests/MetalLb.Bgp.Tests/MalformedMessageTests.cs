using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Tests;

/// <summary>Malformed messages get the NOTIFICATION of RFC 4271 §6, or RFC 7606's lighter action where it applies.</summary>
public class MalformedMessageTests
{
    private const BgpErrorAction Reset = BgpErrorAction.SessionReset;
    private const BgpErrorAction Withdraw = BgpErrorAction.TreatAsWithdraw;
    private const BgpErrorAction Discard = BgpErrorAction.AttributeDiscard;

    public static TheoryData<string, byte[], BgpErrorCode, byte, BgpErrorAction, string> Cases => new()
    {
        { "marker not all ones", Corrupt(Wire.Message(4, ""), 3, 0xFE), BgpErrorCode.MessageHeader, 1, Reset, "" },
        { "length below 19", SetLength(Wire.Message(4, ""), 18), BgpErrorCode.MessageHeader, 2, Reset, "0012" },
        { "length above 4096", SetLength(Wire.Message(4, ""), 4097), BgpErrorCode.MessageHeader, 2, Reset, "1001" },
        { "unknown type", Wire.Message(9, ""), BgpErrorCode.MessageHeader, 3, Reset, "09" },
        { "KEEPALIVE with a body", Wire.Message(4, "00"), BgpErrorCode.MessageHeader, 2, Reset, "0014" },
        { "UPDATE shorter than 23", Wire.Message(2, "0000"), BgpErrorCode.MessageHeader, 2, Reset, "0015" },
        { "OPEN shorter than 29", Wire.Message(1, "04fbf400b4c6336401"), BgpErrorCode.MessageHeader, 2, Reset, "001c" },
        { "NOTIFICATION shorter than 21", Wire.Message(3, "06"), BgpErrorCode.MessageHeader, 2, Reset, "0014" },
        { "OPEN version 3", Wire.Open(version: "03"), BgpErrorCode.OpenMessage, 1, Reset, "0004" },
        { "OPEN hold time 2", Wire.Open(holdTime: "0002"), BgpErrorCode.OpenMessage, 6, Reset, "" },
        { "OPEN identifier 0", Wire.Open(identifier: "00000000"), BgpErrorCode.OpenMessage, 3, Reset, "" },
        { "OPEN unknown optional parameter", Wire.Open("01 02 0000"), BgpErrorCode.OpenMessage, 4, Reset, "" },
        { "OPEN capability overruns", Wire.Open("02 04 4104 0000"), BgpErrorCode.OpenMessage, 0, Reset, "" },
        { "OPEN 4-octet AS capability of 3 octets", Wire.Open("02 05 4103 000001"), BgpErrorCode.OpenMessage, 0, Reset, "" },
        { "OPEN 4-octet AS 0", Wire.Open("02 06 4104 00000000"), BgpErrorCode.OpenMessage, 2, Reset, "" },
        { "UPDATE withdrawn length overruns", Wire.Message(2, "00ff0000"), BgpErrorCode.UpdateMessage, 1, Reset, "" },
        { "UPDATE attribute length overruns", Wire.Message(2, "000000ff"), BgpErrorCode.UpdateMessage, 1, Reset, "" },
        { "UPDATE NLRI /33", Wire.Update(Wire.Mandatory, "21 c6336401ff"), BgpErrorCode.UpdateMessage, 10, Reset, "" },
        { "UPDATE NLRI cut short", Wire.Update(Wire.Mandatory, "18 c633"), BgpErrorCode.UpdateMessage, 10, Reset, "" },
        { "unrecognized well-known", Wire.Update(Wire.Mandatory + "40 63 01 00"), BgpErrorCode.UpdateMessage, 2, Reset, "40630100" },
        { "ORIGIN 3", Wire.Update("40010103" + Wire.AsPath + Wire.NextHop), BgpErrorCode.UpdateMessage, 6, Withdraw, "40010103" },
        { "ORIGIN of 2 octets", Wire.Update("4001020000" + Wire.AsPath + Wire.NextHop), BgpErrorCode.UpdateMessage, 5, Withdraw, "4001020000" },
        { "ORIGIN flagged optional", Wire.Update("c0010100" + Wire.AsPath + Wire.NextHop), BgpErrorCode.UpdateMessage, 4, Withdraw, "c0010100" },
        { "AS_PATH segment type 5", Wire.Update(Wire.Origin + "40020605010000fbf4" + Wire.NextHop), BgpErrorCode.UpdateMessage, 11, Withdraw, "" },
        { "AS_PATH segment overruns", Wire.Update(Wire.Origin + "40020602020000fbf4" + Wire.NextHop), BgpErrorCode.UpdateMessage, 11, Withdraw, "" },
        { "NEXT_HOP of 5 octets", Wire.Update(Wire.Origin + Wire.AsPath + "400305c633640100"), BgpErrorCode.UpdateMessage, 5, Withdraw, "400305c633640100" },
        { "NEXT_HOP missing", Wire.Update(Wire.Origin + Wire.AsPath), BgpErrorCode.UpdateMessage, 3, Withdraw, "03" },
        { "ORIGIN missing", Wire.Update(Wire.AsPath + Wire.NextHop), BgpErrorCode.UpdateMessage, 3, Withdraw, "01" },
        { "MULTI_EXIT_DISC of 3 octets", Wire.Update(Wire.Mandatory + "800403000007"), BgpErrorCode.UpdateMessage, 5, Withdraw, "800403000007" },
        { "LOCAL_PREF of 2 octets", Wire.Update(Wire.Mandatory + "40050200c8"), BgpErrorCode.UpdateMessage, 5, Withdraw, "40050200c8" },
        { "COMMUNITIES of 5 octets", Wire.Update(Wire.Mandatory + "c00805fde8006500"), BgpErrorCode.UpdateMessage, 5, Withdraw, "c00805fde8006500" },
        { "COMMUNITIES empty", Wire.Update(Wire.Mandatory + "c00800"), BgpErrorCode.UpdateMessage, 5, Withdraw, "c00800" },
        { "LARGE_COMMUNITY of 8 octets", Wire.Update(Wire.Mandatory + "c02008 0000fde8 00000001"), BgpErrorCode.UpdateMessage, 5, Withdraw, "c020080000fde800000001" },
        { "COMMUNITIES flagged non-transitive", Wire.Update(Wire.Mandatory + "800804fde80065"), BgpErrorCode.UpdateMessage, 4, Withdraw, "800804fde80065" },
        { "attribute overruns the list", Wire.Update(Wire.Mandatory + "c00808fde80065"), BgpErrorCode.UpdateMessage, 5, Withdraw, "" },
        { "ATOMIC_AGGREGATE of 1 octet", Wire.Update(Wire.Mandatory + "40060100"), BgpErrorCode.UpdateMessage, 5, Discard, "40060100" },
        { "repeated LOCAL_PREF", Wire.Update(Wire.Mandatory + "40050400000064 40050400000065"), BgpErrorCode.UpdateMessage, 1, Discard, "" },
        { "MP_REACH next hop of 15 octets", Wire.Update(Wire.Origin + Wire.AsPath + "800e15 0002 01 0f 20010db8000000000000000000000001 00", ""), BgpErrorCode.UpdateMessage, 9, Reset, "" },
        { "MP_REACH IPv6 /129", Wire.Update(Wire.Origin + Wire.AsPath + "800e16 0002 01 10 20010db8000000000000000000000001 00 81", ""), BgpErrorCode.UpdateMessage, 9, Reset, "" },
        { "MP_UNREACH repeated", Wire.Update("800f03000201 800f03000201", ""), BgpErrorCode.UpdateMessage, 1, Reset, "" },
        { "MP_UNREACH cut short", Wire.Update("800f020002", ""), BgpErrorCode.UpdateMessage, 9, Reset, "" },
        { "ROUTE-REFRESH of 24 octets", Wire.Message(5, "0001000100"), BgpErrorCode.RouteRefreshMessage, 1, Reset, "ffffffffffffffffffffffffffffffff0018050001000100" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_Malformed_GivesTheRfcNotification(string name, byte[] message, BgpErrorCode code, byte subcode, BgpErrorAction action, string data)
    {
        var result = BgpCodec.Decode(message, BgpCodecOptions.Default);

        Assert.True(result.Error is not null, name);
        Assert.Equal((code, subcode, action), (result.Error.Notification.Code, result.Error.Notification.Subcode, result.Error.Action));
        Assert.Equal(data, Convert.ToHexStringLower(result.Error.Notification.Data));
        Assert.Equal(action == Reset, result.Message is null);
    }

    [Fact]
    public void TreatAsWithdraw_StillReturnsTheRoutesToWithdraw()
    {
        var result = BgpCodec.Decode(Wire.Update(Wire.Mandatory + "c00805fde8006500", "18c63364 20c63365c8"), BgpCodecOptions.Default);

        Assert.Equal(BgpErrorAction.TreatAsWithdraw, result.Error!.Action);
        Assert.Equal(["198.51.100.0/24", "198.51.101.200/32"], ((UpdateMessage)result.Message!).Announced.Select(p => p.ToString()));
    }

    [Fact]
    public void UnknownOptionalTransitiveAttribute_IsKeptRaw_AndReencoded()
    {
        var bytes = Wire.Update(Wire.Mandatory + "e0c803 010203");

        var result = BgpCodec.Decode(bytes, BgpCodecOptions.Default);

        Assert.Null(result.Error);
        var raw = Assert.Single(((UpdateMessage)result.Message!).Attributes.OfType<RawAttribute>());
        Assert.Equal((0xE0, 200, "010203"), (raw.Flags, raw.TypeCode, Convert.ToHexStringLower(raw.Value)));
        Assert.Equal(bytes, BgpCodec.Encode(result.Message!, BgpCodecOptions.Default));
    }

    [Fact]
    public void TryFrame_WaitsForTheWholeMessage_AndRejectsABadHeaderEarly()
    {
        var keepalive = Wire.Message(4, "");

        Assert.False(BgpCodec.TryFrame(keepalive.AsSpan(0, 18), out _, out var none));
        Assert.Null(none);
        Assert.True(BgpCodec.TryFrame([.. keepalive, .. keepalive], out var length, out _));
        Assert.Equal(19, length);
        Assert.False(BgpCodec.TryFrame(Corrupt(keepalive, 0, 0), out _, out var error));
        Assert.Equal((BgpErrorCode.MessageHeader, (byte)1), (error!.Notification.Code, error.Notification.Subcode));
    }

    private static byte[] Corrupt(byte[] message, int at, byte value)
    {
        message[at] = value;
        return message;
    }

    private static byte[] SetLength(byte[] message, int length)
    {
        message[16] = (byte)(length >> 8);
        message[17] = (byte)length;
        return message;
    }
}
