using MetalLb.Domain.Net;
using MetalLb.Layer2.Codecs;
using MetalLb.Layer2.Responder;

namespace MetalLb.Layer2.Tests;

/// <summary>Random and mutated frames: the codecs and the responder never throw and never answer for an IP not owned.</summary>
public class FuzzTests
{
    private static readonly IpAddress[] Owned = [IpAddress.Parse("198.51.100.2"), IpAddress.Parse("2001:db8::2")];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MutatedCapturedFrames_NeverThrow_AndAnyAnswerIsForAnOwnedIp(int seed)
    {
        var random = new Random(seed);
        var responder = Responder();
        var reply = new byte[NdpCodec.AdvertisementLength];
        for (var i = 0; i < 20_000; i++)
        {
            var frame = Captured.All[random.Next(Captured.All.Count)].ToArray();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                frame[random.Next(frame.Length)] = (byte)random.Next(256);
            }

            var cut = random.Next(4) == 0 ? random.Next(frame.Length + 1) : frame.Length;

            AssertAnswerIsOwned(responder.Handle(frame.AsSpan(0, cut), reply), reply);
        }
    }

    [Fact]
    public void RandomBytes_NeverThrow_AndNeverGetAnAnswer()
    {
        var random = new Random(42);
        var responder = Responder();
        var reply = new byte[NdpCodec.AdvertisementLength];
        for (var i = 0; i < 20_000; i++)
        {
            var frame = new byte[random.Next(0, 120)];
            random.NextBytes(frame);

            Assert.Equal(0, responder.Handle(frame, reply));
            ArpCodec.TryRead(frame, out _, out _);
            NdpCodec.TryRead(frame, out _, out _);
        }
    }

    private static L2Responder Responder()
    {
        var responder = new L2Responder("veth-b", Captured.MacB, new L2Counters());
        foreach (var ip in Owned)
        {
            responder.Claim(ip);
        }

        return responder;
    }

    private static void AssertAnswerIsOwned(int length, byte[] reply)
    {
        if (length == 0)
        {
            return;
        }

        var frame = reply.AsSpan(0, length);
        if (ArpCodec.TryRead(frame, out var arp, out _))
        {
            Assert.Contains(arp.SenderIp, Owned);
            Assert.Equal(Captured.MacB, arp.SenderMac);
        }
        else
        {
            Assert.True(NdpCodec.TryRead(frame, out var na, out var problem), problem);
            Assert.Contains(na.Target, Owned);
            Assert.Equal(Captured.MacB, na.LinkLayer);
        }
    }
}
