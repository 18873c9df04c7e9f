using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Messages;
using MetalLb.Bgp.Speaker;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Tests.Speaker;

public class UpdatePackerTests
{
    private static readonly OutboundSession Ebgp = new(64512, false, IpAddress.Parse("192.0.2.1"), IpAddress.Parse("2001:db8::1"), BgpCodecOptions.Default);

    private static List<BgpRoute> Routes(int count, RouteAttributes? attributes = null) =>
        [.. Enumerable.Range(0, count).Select(i => new BgpRoute(IpPrefix.Parse($"2001:db8:1000::{i:x}/128"), attributes ?? RouteAttributes.None))];

    [Fact]
    public void TenThousandSlash128s_FillUpdatesUpToTheLimit_AndDecodeBackToTheSamePrefixes()
    {
        var routes = Routes(10_000, new RouteAttributes(null, [Community.Of(64512, 100)]));

        var encoded = UpdatePacker.Announce(Ebgp, IpFamily.V6, routes).Select(u => BgpCodec.Encode(u, BgpCodecOptions.Default)).ToList();

        Assert.All(encoded, e => Assert.InRange(e.Length, 1, BgpCodec.MaxMessageLength));
        Assert.All(encoded.SkipLast(1), e => Assert.InRange(e.Length, BgpCodec.MaxMessageLength - 17, BgpCodec.MaxMessageLength));
        var decoded = encoded.Select(e => (UpdateMessage)BgpCodec.Decode(e, BgpCodecOptions.Default).Message!).ToList();
        Assert.Equal(routes.Select(r => r.Prefix), decoded.SelectMany(u => u.MpReach!.Nlri));
        Assert.Equal(43, encoded.Count);
    }

    [Fact]
    public void PrefixesWithDifferentAttributes_GoInSeparateUpdates()
    {
        var routes = new List<BgpRoute>
        {
            new(IpPrefix.Parse("203.0.113.1/32"), new RouteAttributes(null, [Community.Of(1, 1)])),
            new(IpPrefix.Parse("203.0.113.2/32"), new RouteAttributes(null, [Community.Of(1, 2)])),
            new(IpPrefix.Parse("203.0.113.3/32"), new RouteAttributes(null, [Community.Of(1, 1)])),
        };

        var updates = UpdatePacker.Announce(Ebgp, IpFamily.V4, routes).ToList();

        Assert.Equal([["203.0.113.1/32", "203.0.113.3/32"], ["203.0.113.2/32"]], updates.Select(u => u.Nlri.Select(p => p.ToString()).ToArray()));
    }

    [Fact]
    public void Attributes_GoInAscendingTypeOrder()
    {
        var attributes = new RouteAttributes(300, [Community.Of(1, 1)], [new LargeCommunity(1, 2, 3)]);
        var ibgp = Ebgp with { Internal = true };

        var v4 = UpdatePacker.Announce(ibgp, IpFamily.V4, [new BgpRoute(IpPrefix.Parse("203.0.113.1/32"), attributes)]).Single();
        var v6 = UpdatePacker.Announce(ibgp, IpFamily.V6, [new BgpRoute(IpPrefix.Parse("2001:db8::5/128"), attributes)]).Single();

        Assert.Equal([1, 2, 3, 5, 8, 32], v4.Attributes.Select(a => (int)a.TypeCode));
        Assert.Equal([1, 2, 5, 8, 14, 32], v6.Attributes.Select(a => (int)a.TypeCode));
        Assert.Equal(300u, v4.LocalPref);
    }

    [Fact]
    public void Withdrawals_ArePacked_Ipv4InTheClassicField_Ipv6InMpUnreach()
    {
        var v6 = Routes(1000).Select(r => r.Prefix).ToList();

        var v4Updates = UpdatePacker.Withdraw(IpFamily.V4, [IpPrefix.Parse("203.0.113.1/32"), IpPrefix.Parse("198.51.100.0/24")]).ToList();
        var v6Updates = UpdatePacker.Withdraw(IpFamily.V6, v6).ToList();

        Assert.Equal(2, Assert.Single(v4Updates).Withdrawn.Count);
        Assert.Equal(5, v6Updates.Count);
        Assert.Equal(v6, v6Updates.SelectMany(u => u.MpUnreach!.Withdrawn));
        Assert.All(v6Updates, u => Assert.InRange(BgpCodec.Encode(u, BgpCodecOptions.Default).Length, 1, BgpCodec.MaxMessageLength));
    }

    [Fact]
    public void EndOfRib_IsAnEmptyUpdate_OrAnEmptyMpUnreach()
    {
        Assert.True(UpdatePacker.EndOfRib(IpFamily.V4).IsEndOfRib);
        Assert.True(UpdatePacker.EndOfRib(IpFamily.V6).IsEndOfRib);
        Assert.Equal(Afi.Ipv6, UpdatePacker.EndOfRib(IpFamily.V6).MpUnreach!.Afi);
    }

    [Fact]
    public void PeerWithoutFourOctetAs_GetsAsTrans_AndOurAsnInAs4Path()
    {
        var session = Ebgp with { LocalAsn = 4_200_000_001, Codec = BgpCodecOptions.TwoOctetAs };

        var update = UpdatePacker.Announce(session, IpFamily.V4, [new BgpRoute(IpPrefix.Parse("203.0.113.1/32"))]).Single();
        var decoded = (UpdateMessage)BgpCodec.Decode(BgpCodec.Encode(update, BgpCodecOptions.TwoOctetAs), BgpCodecOptions.TwoOctetAs).Message!;

        Assert.Equal([(uint)OpenMessage.AsTrans], decoded.AsPath!.Asns);
        var as4Path = Assert.IsType<RawAttribute>(decoded.Attributes.Single(a => a.TypeCode == (byte)AttributeType.As4Path));
        Assert.Equal(Wire.Hex("02 01 FA56EA01"), as4Path.Value);
    }
}
