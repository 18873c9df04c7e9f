using MetalLb.Domain.Net;
using MetalLb.Layer2.Codecs;

namespace MetalLb.Layer2.Tests;

public class NdpCodecTests
{
    [Theory]
    [InlineData("fe80::ff:fe00:a")]
    [InlineData("2001:db8::1")]
    public void WriteReply_ToARealSolicitation_IsByteForByteTheKernelsAdvertisement(string asker)
    {
        var solicitation = Captured.Ndp(NdpMessage.Solicitation, asker, "2001:db8::2");
        Assert.True(NdpCodec.TryRead(solicitation, out var ns, out var problem), problem);
        var ours = new byte[NdpCodec.AdvertisementLength];

        var length = NdpCodec.WriteReply(ours, ns, Captured.MacB, IpAddress.Parse("2001:db8::2"));

        Assert.Equal(Captured.MacA, ns.LinkLayer);
        Assert.Equal(
            Captured.All.Single(f => NdpCodec.TryRead(f, out var m, out _) && m.Type == NdpMessage.Advertisement && m.Destination.ToString() == asker),
            ours[..length]);
    }

    [Fact]
    public void Read_KernelAdvertisement_HasSolicitedAndOverride_AndTheTargetLinkLayerAddress()
    {
        Assert.True(NdpCodec.TryRead(Captured.Ndp(NdpMessage.Advertisement, "2001:db8::2", "2001:db8::2"), out var na, out _));

        Assert.Equal(NdpMessage.SolicitedFlag | NdpMessage.OverrideFlag, na.Flags);
        Assert.Equal(Captured.MacB, na.LinkLayer);
    }

    [Fact]
    public void Read_DadSolicitation_FromTheUnspecifiedAddress()
    {
        var dad = Captured.All.First(f => NdpCodec.TryRead(f, out var m, out _) && m.IsDuplicateAddressDetection);

        Assert.True(NdpCodec.TryRead(dad, out var ns, out _));
        Assert.Null(ns.LinkLayer);
        Assert.Equal(NdpCodec.SolicitedNodeGroup(ns.Target), ns.Destination);
    }

    [Fact]
    public void WriteUnsolicited_GoesToAllNodesWithOverrideOnly_AndReadsBack()
    {
        var frame = new byte[NdpCodec.AdvertisementLength];

        NdpCodec.WriteUnsolicited(frame, Captured.MacB, IpAddress.Parse("2001:db8::200"));

        Assert.True(NdpCodec.TryRead(frame, out var na, out var problem), problem);
        Assert.Equal(NdpCodec.AllNodes, na.Destination);
        Assert.Equal(MacAddress.Parse("33:33:00:00:00:01"), na.FrameDestination);
        Assert.Equal(NdpMessage.OverrideFlag, na.Flags);
        Assert.Equal("2001:db8::200", na.Target.ToString());
    }

    [Theory]
    [InlineData(21, 64, "hop limit is not 255 or code is not 0 (RFC 4861 §7.1)")]
    [InlineData(55, 1, "hop limit is not 255 or code is not 0 (RFC 4861 §7.1)")]
    [InlineData(60, 0x20, "bad ICMPv6 checksum")]
    [InlineData(20, 17, "not ICMPv6 (or behind an extension header)")]
    [InlineData(54, 128, "ICMPv6 type 128")]
    [InlineData(19, 0xFF, "IPv6 payload length 255 does not fit the frame")]
    [InlineData(79, 0, "bad ICMPv6 checksum")]
    public void Read_BrokenSolicitation_IsRefused(int offset, byte value, string expected)
    {
        var frame = Captured.Ndp(NdpMessage.Solicitation, "2001:db8::1", "2001:db8::2").ToArray();
        frame[offset] = value;

        Assert.False(NdpCodec.TryRead(frame, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Read_ZeroLengthOption_IsMalformed()
    {
        var frame = Captured.Ndp(NdpMessage.Solicitation, "2001:db8::1", "2001:db8::2").ToArray();
        frame[79] = 0;
        FixChecksum(frame);

        Assert.False(NdpCodec.TryRead(frame, out _, out var problem));
        Assert.Equal("malformed neighbour discovery option", problem);
    }

    [Fact]
    public void SolicitedNodeGroup_AndItsMac_FollowRfc4291And2464()
    {
        var group = NdpCodec.SolicitedNodeGroup(IpAddress.Parse("2001:db8::12:3456"));

        Assert.Equal("ff02::1:ff12:3456", group.ToString());
        Assert.Equal("33:33:ff:12:34:56", NdpCodec.MulticastMac(group).ToString());
    }

    private static void FixChecksum(byte[] frame)
    {
        frame[56] = 0;
        frame[57] = 0;
        var source = IpAddress.V6(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(frame.AsSpan(22)));
        var destination = IpAddress.V6(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(frame.AsSpan(38)));
        var sum = NdpCodec.Checksum(source, destination, frame.AsSpan(54));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(56), sum);
    }
}
