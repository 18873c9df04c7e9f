using MetalLb.Domain.Net;
using MetalLb.Layer2.Codecs;

namespace MetalLb.Layer2.Tests;

public class ArpCodecTests
{
    [Fact]
    public void Read_ArpingRequest_GivesSenderAndTarget()
    {
        var frame = Captured.Arp(ArpOperation.Request, "198.51.100.1", "198.51.100.2");

        Assert.True(ArpCodec.TryRead(frame, out var arp, out var problem), problem);

        Assert.Equal(Captured.MacA, arp.SenderMac);
        Assert.Equal(MacAddress.Broadcast, arp.FrameDestination);
        Assert.False(arp.IsGratuitous);
    }

    [Fact]
    public void WriteReply_ToArpingsRequest_IsByteForByteTheKernelsReply()
    {
        Assert.True(ArpCodec.TryRead(Captured.Arp(ArpOperation.Request, "198.51.100.1", "198.51.100.2"), out var request, out _));
        var kernel = Captured.Arp(ArpOperation.Reply, "198.51.100.2", "198.51.100.1");
        var ours = new byte[ArpCodec.FrameLength];

        var length = ArpCodec.WriteReply(ours, request, Captured.MacB, IpAddress.Parse("198.51.100.2"));

        Assert.Equal(kernel, ours[..length]);
    }

    [Theory]
    [InlineData(ArpOperation.Request)]
    [InlineData(ArpOperation.Reply)]
    public void Read_ArpingGratuitous_IsGratuitous_AndOursCarriesTheSameAddresses(ArpOperation operation)
    {
        var frame = Captured.Arp(operation, "198.51.100.1", "198.51.100.1");
        var ours = new byte[ArpCodec.FrameLength];
        ArpCodec.WriteGratuitous(ours, operation, Captured.MacA, IpAddress.Parse("198.51.100.1"));

        Assert.True(ArpCodec.TryRead(frame, out var theirs, out _));
        Assert.True(ArpCodec.TryRead(ours, out var mine, out _));

        Assert.True(theirs.IsGratuitous);
        Assert.Equal((theirs.Operation, theirs.SenderMac, theirs.SenderIp, theirs.FrameDestination), (mine.Operation, mine.SenderMac, mine.SenderIp, mine.FrameDestination));
        Assert.Equal(frame[..20], ours[..20]);
    }

    [Theory]
    [InlineData(0, "truncated Ethernet header")]
    [InlineData(13, "truncated Ethernet header")]
    [InlineData(41, "truncated ARP")]
    public void Read_Truncated_SaysSo(int length, string expected)
    {
        var frame = Captured.Arp(ArpOperation.Request, "198.51.100.1", "198.51.100.2")[..length];

        Assert.False(ArpCodec.TryRead(frame, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData(15, 6, "ARP for another hardware or protocol type")]
    [InlineData(16, 0x86, "ARP for another hardware or protocol type")]
    [InlineData(19, 16, "ARP for another hardware or protocol type")]
    [InlineData(21, 3, "ARP opcode 3")]
    public void Read_WrongField_IsRefused(int offset, byte value, string expected)
    {
        var frame = Captured.Arp(ArpOperation.Request, "198.51.100.1", "198.51.100.2").ToArray();
        frame[offset] = value;

        Assert.False(ArpCodec.TryRead(frame, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Read_PaddedTo60Bytes_IsRead()
    {
        var frame = new byte[60];
        Captured.Arp(ArpOperation.Request, "198.51.100.1", "198.51.100.2").CopyTo(frame, 0);

        Assert.True(ArpCodec.TryRead(frame, out var arp, out _));
        Assert.Equal("198.51.100.2", arp.TargetIp.ToString());
    }
}
