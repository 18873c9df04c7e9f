using MetalLb.Domain.Net;
using MetalLb.Layer2.Codecs;
using MetalLb.Layer2.Responder;

namespace MetalLb.Layer2.Tests;

public class L2ResponderTests
{
    private static readonly IpAddress V4 = IpAddress.Parse("198.51.100.2");
    private static readonly IpAddress V6 = IpAddress.Parse("2001:db8::2");

    private readonly L2Counters _counters = new();
    private readonly List<L2Conflict> _conflicts = [];

    private L2Responder Responder(params IpAddress[] owned)
    {
        var responder = new L2Responder("veth-b", Captured.MacB, _counters);
        responder.Conflict += _conflicts.Add;
        foreach (var ip in owned)
        {
            responder.Claim(ip);
        }

        return responder;
    }

    [Fact]
    public void ArpRequest_ForAnOwnedIp_IsAnsweredWithTheInterfacesMac_AndCounted()
    {
        var reply = new byte[NdpCodec.AdvertisementLength];

        var length = Responder(V4).Handle(Captured.Arp(ArpOperation.Request, "198.51.100.1", "198.51.100.2"), reply);

        Assert.Equal(Captured.Arp(ArpOperation.Reply, "198.51.100.2", "198.51.100.1"), reply[..length]);
        Assert.Equal((1L, 1L, 0L, 0L), _counters.Of(V4));
    }

    [Fact]
    public void ArpRequest_ForAnIpNotOwned_GetsNothing()
    {
        var reply = new byte[NdpCodec.AdvertisementLength];

        Assert.Equal(0, Responder(IpAddress.Parse("198.51.100.9")).Handle(Captured.Arp(ArpOperation.Request, "198.51.100.1", "198.51.100.2"), reply));
        Assert.Equal(0, _counters.Of(V4).Requests);
    }

    [Fact]
    public void ArpRequest_UnicastToAnotherMac_GetsNothing()
    {
        var frame = Captured.Arp(ArpOperation.Request, "198.51.100.1", "198.51.100.2").ToArray();
        MacAddress.Parse("02:00:00:00:00:99").Write(frame);

        Assert.Equal(0, Responder(V4).Handle(frame, new byte[128]));
    }

    [Fact]
    public void ReleasedIp_IsNoLongerAnswered()
    {
        var responder = Responder(V4);
        responder.Release(V4);

        Assert.Equal(0, responder.Handle(Captured.Arp(ArpOperation.Request, "198.51.100.1", "198.51.100.2"), new byte[128]));
    }

    [Fact]
    public void Solicitation_ForAnOwnedIp_IsAnsweredLikeTheKernel()
    {
        var reply = new byte[NdpCodec.AdvertisementLength];

        var length = Responder(V6).Handle(Captured.Ndp(NdpMessage.Solicitation, "2001:db8::1", "2001:db8::2"), reply);

        Assert.Equal(
            Captured.All.Single(f => NdpCodec.TryRead(f, out var m, out _) && m.Type == NdpMessage.Advertisement && m.Destination.ToString() == "2001:db8::1"),
            reply[..length]);
    }

    [Fact]
    public void DadSolicitation_ForAnOwnedIp_IsDefendedToAllNodes_NotSolicited()
    {
        var dad = Captured.All.First(f => NdpCodec.TryRead(f, out var m, out _) && m.IsDuplicateAddressDetection);
        Assert.True(NdpCodec.TryRead(dad, out var ns, out _));
        var reply = new byte[NdpCodec.AdvertisementLength];

        var length = Responder(ns.Target).Handle(dad, reply);

        Assert.True(NdpCodec.TryRead(reply.AsSpan(0, length), out var na, out _));
        Assert.Equal(NdpCodec.AllNodes, na.Destination);
        Assert.Equal(NdpMessage.OverrideFlag, na.Flags);
    }

    [Fact]
    public void ForeignArpReply_ForAnOwnedIp_IsAConflictNamingTheMac()
    {
        var responder = new L2Responder("veth-a", Captured.MacA, _counters);
        responder.Conflict += _conflicts.Add;
        responder.Claim(V4);

        var length = responder.Handle(Captured.Arp(ArpOperation.Reply, "198.51.100.2", "198.51.100.1"), new byte[128]);

        Assert.Equal(0, length);
        var conflict = Assert.Single(_conflicts);
        Assert.Equal((V4, Captured.MacB, "ARP reply"), (conflict.Ip, conflict.ForeignMac, conflict.Evidence));
        Assert.Equal(1, _counters.Of(V4).Conflicts);
    }

    [Fact]
    public void ForeignGratuitousArp_ForAnOwnedIp_IsAConflict()
    {
        var responder = Responder(IpAddress.Parse("198.51.100.1"));

        responder.Handle(Captured.Arp(ArpOperation.Request, "198.51.100.1", "198.51.100.1"), new byte[128]);

        Assert.Equal("gratuitous ARP", Assert.Single(_conflicts).Evidence);
    }

    [Fact]
    public void ForeignAdvertisement_ForAnOwnedIp_IsAConflict()
    {
        var responder = new L2Responder("veth-a", Captured.MacA, _counters);
        responder.Conflict += _conflicts.Add;
        responder.Claim(V6);

        responder.Handle(Captured.Ndp(NdpMessage.Advertisement, "2001:db8::2", "2001:db8::2"), new byte[128]);

        Assert.Equal((V6, Captured.MacB), (Assert.Single(_conflicts).Ip, _conflicts[0].ForeignMac));
    }

    [Fact]
    public void OwnFrames_AreIgnored()
    {
        var own = new byte[ArpCodec.FrameLength];
        ArpCodec.WriteGratuitous(own, ArpOperation.Reply, Captured.MacB, V4);

        Assert.Equal(0, Responder(V4).Handle(own, new byte[128]));
        Assert.Empty(_conflicts);
    }

    [Fact]
    public void Gratuitous_V4IsARequestAndAReply_V6OneUnsolicitedAdvertisement_Counted()
    {
        var responder = Responder(V4, V6);

        var v4 = responder.Gratuitous(V4);
        var v6 = responder.Gratuitous(V6);

        Assert.Equal([ArpOperation.Request, ArpOperation.Reply], v4.Select(f => ArpCodec.TryRead(f, out var m, out _) ? m.Operation : 0));
        Assert.True(NdpCodec.TryRead(Assert.Single(v6), out var na, out _));
        Assert.Equal(V6, na.Target);
        Assert.Equal(1, _counters.Of(V4).Gratuitous);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(30)]
    [InlineData(60)]
    public void Truncated_IsCountedAsMalformed_NeverAnswered(int length)
    {
        var frame = Captured.Ndp(NdpMessage.Solicitation, "2001:db8::1", "2001:db8::2")[..length];

        Assert.Equal(0, Responder(V4, V6).Handle(frame, new byte[128]));
        Assert.Equal(1, _counters.Malformed);
    }

    [Fact]
    public void OtherIpv6Traffic_IsNeitherAnsweredNorMalformed()
    {
        var routerSolicitation = Captured.All.First(f => Ethernet.EtherType(f) == Ethernet.Ipv6 && f.Length > 54 && f[20] == 58 && f[54] == 133);

        Assert.Equal(0, Responder(V6).Handle(routerSolicitation, new byte[128]));
        Assert.Equal(0, Responder(V6).Handle(routerSolicitation.AsSpan(0, 60), new byte[128]));
        Assert.Equal(0, _counters.Malformed);
    }
}
