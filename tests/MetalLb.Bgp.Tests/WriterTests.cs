using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Capabilities;
using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Messages;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Tests;

/// <summary>What this speaker sends: OPEN with AS_TRANS, 2- and 4-octet AS_PATH, extended length, IPv6 next hops.</summary>
public class WriterTests
{
    [Fact]
    public void Open_WithA4OctetAsn_SendsAsTrans_AndTheAsnInItsCapability()
    {
        var open = OpenMessage.Create(4200000001, 90, (uint)IpAddress.Parse("198.51.100.1").Value,
        [
            new MultiprotocolCapability(Afi.Ipv4, Safi.Unicast),
            new MultiprotocolCapability(Afi.Ipv6, Safi.Unicast),
            new RouteRefreshCapability(),
            new FourOctetAsCapability(4200000001),
            new GracefulRestartCapability(0x8, 120, [new GracefulRestartFamily(Afi.Ipv6, Safi.Unicast, 0x80)]),
        ]);

        var bytes = BgpCodec.Encode(open, BgpCodecOptions.Default);
        var decoded = (OpenMessage)BgpCodec.Decode(bytes, BgpCodecOptions.Default).Message!;

        Assert.Equal("5ba0", Convert.ToHexStringLower(bytes.AsSpan(20, 2)));
        Assert.Equal((OpenMessage.AsTrans, 4200000001u, (ushort)90), (decoded.MyAs, decoded.Asn, decoded.HoldTime));
        var restart = decoded.Capabilities.OfType<GracefulRestartCapability>().Single();
        Assert.True(restart.RestartState);
        Assert.Equal(120, restart.RestartTime);
        Assert.True(restart.Families.Single().ForwardingPreserved);
        Assert.Equal(bytes, BgpCodec.Encode(decoded, BgpCodecOptions.Default));
    }

    [Fact]
    public void AsPath_OnATwoOctetSession_Uses2OctetAsns_AndAsTransForLargeOnes()
    {
        var update = Announce([new AsPathSegment(AsPathSegmentType.AsSequence, [64500, 4200000001])]);

        var bytes = BgpCodec.Encode(update, BgpCodecOptions.TwoOctetAs);
        var decoded = (UpdateMessage)BgpCodec.Decode(bytes, BgpCodecOptions.TwoOctetAs).Message!;

        Assert.Equal([64500u, OpenMessage.AsTrans], decoded.AsPath!.Asns);
        Assert.Contains("4002060202fbf45ba0", Convert.ToHexStringLower(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void AsSet_RoundTrips_In4OctetForm()
    {
        var update = Announce([
            new AsPathSegment(AsPathSegmentType.AsSequence, [4200000001]),
            new AsPathSegment(AsPathSegmentType.AsSet, [64500, 64501]),
        ]);

        var decoded = (UpdateMessage)BgpCodec.Decode(BgpCodec.Encode(update, BgpCodecOptions.Default), BgpCodecOptions.Default).Message!;

        Assert.Equal("4200000001 {64500,64501}", decoded.AsPath!.ToString());
    }

    [Fact]
    public void LongAttribute_GetsTheExtendedLengthFlag()
    {
        var many = Enumerable.Range(0, 30).Select(i => new LargeCommunity(4200000001, (uint)i, 7)).ToArray();
        var update = new UpdateMessage([], [new OriginAttribute(Origin.Igp), new AsPathAttribute([]), new NextHopAttribute(IpAddress.Parse("198.51.100.1")),
            new LargeCommunitiesAttribute(many)], [IpPrefix.Parse("198.51.100.64/26")]);

        var decoded = (UpdateMessage)BgpCodec.Decode(BgpCodec.Encode(update, BgpCodecOptions.Default), BgpCodecOptions.Default).Message!;

        var large = decoded.Attributes.OfType<LargeCommunitiesAttribute>().Single();
        Assert.Equal(AttributeFlags.OptionalTransitive | AttributeFlags.ExtendedLength, large.Flags);
        Assert.Equal(many, large.Communities);
    }

    [Theory]
    [InlineData(null, 16)]
    [InlineData("fe80::1", 32)]
    public void MpReach_WritesA16Or32OctetNextHop(string? linkLocal, int length)
    {
        var reach = new MpReachNlriAttribute(Afi.Ipv6, Safi.Unicast, IpAddress.Parse("2001:db8::1"),
            linkLocal is null ? null : IpAddress.Parse(linkLocal), [IpPrefix.Parse("2001:db8::100:0/120"), IpPrefix.Parse("::/0")]);
        var update = new UpdateMessage([], [reach, new OriginAttribute(Origin.Igp), new AsPathAttribute([]), new LocalPrefAttribute(150),
            new CommunitiesAttribute([Community.Of(65000, 101)])], []);

        var bytes = BgpCodec.Encode(update, BgpCodecOptions.Default);
        var decoded = (UpdateMessage)BgpCodec.Decode(bytes, BgpCodecOptions.Default).Message!;

        Assert.Equal(length, bytes[19 + 4 + 3 + 3]);
        Assert.Equal(reach.NextHop, decoded.MpReach!.NextHop);
        Assert.Equal(reach.LinkLocalNextHop, decoded.MpReach.LinkLocalNextHop);
        Assert.Equal(reach.Nlri, decoded.MpReach.Nlri);
        Assert.Equal((150u, "65000:101"), (decoded.LocalPref!.Value, decoded.Communities.Single().ToString()));
    }

    [Fact]
    public void Withdrawals_InBothFamilies_RoundTrip()
    {
        var update = new UpdateMessage([IpPrefix.Parse("198.51.100.201/32")],
            [new MpUnreachNlriAttribute(Afi.Ipv6, Safi.Unicast, [IpPrefix.Parse("2001:db8::1ff/128")])], []);

        var decoded = (UpdateMessage)BgpCodec.Decode(BgpCodec.Encode(update, BgpCodecOptions.Default), BgpCodecOptions.Default).Message!;

        Assert.Equal(["198.51.100.201/32", "2001:db8::1ff/128"], decoded.WithdrawnAll.Select(p => p.ToString()));
    }

    [Fact]
    public void NotificationKeepaliveAndRouteRefresh_RoundTrip()
    {
        BgpMessage[] messages =
        [
            NotificationMessage.Cease(CeaseSubcode.AdministrativeShutdown, 3, (byte)'b', (byte)'y', (byte)'e'),
            KeepaliveMessage.Instance,
            new RouteRefreshMessage(Afi.Ipv6, Safi.Unicast),
        ];

        foreach (var message in messages)
        {
            var bytes = BgpCodec.Encode(message, BgpCodecOptions.Default);

            Assert.Equal(bytes, BgpCodec.Encode(BgpCodec.Decode(bytes, BgpCodecOptions.Default).Message!, BgpCodecOptions.Default));
        }
    }

    [Fact]
    public void Encode_RefusesAMessageOver4096Octets()
    {
        var prefixes = Enumerable.Range(0, 1100).Select(i => IpPrefix.Create(IpAddress.V4(0xC6336400u + (uint)i), 32)).ToArray();

        Assert.Throws<ArgumentException>(() => BgpCodec.Encode(new UpdateMessage(prefixes, [], []), BgpCodecOptions.Default));
    }

    private static UpdateMessage Announce(IReadOnlyList<AsPathSegment> path) =>
        new([], [new OriginAttribute(Origin.Igp), new AsPathAttribute(path), new NextHopAttribute(IpAddress.Parse("198.51.100.1"))],
            [IpPrefix.Parse("198.51.100.64/26")]);
}
