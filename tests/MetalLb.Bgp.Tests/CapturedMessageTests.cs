using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Capabilities;
using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Messages;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Tests;

/// <summary>Every message gobgpd, BIRD and FRR sent in TestData/*.pcap decodes to what capture-bgp.sh configured them to send.</summary>
public class CapturedMessageTests
{
    public static TheoryData<string, string> Peers => CapturedPeer.Rows();

    [Theory]
    [InlineData("gobgp-bird")]
    [InlineData("bird-frr")]
    [InlineData("frr-gobgp")]
    [InlineData("frr-bird")]
    public void EveryCapturedMessage_Decodes_AndReencodesByteForByte(string capture)
    {
        var messages = Captured.All.Where(m => m.Capture == capture).ToList();

        Assert.True(messages.Count >= 20, $"{capture} holds only {messages.Count} messages");
        Assert.All(messages, m =>
        {
            var result = BgpCodec.Decode(m.Bytes, BgpCodecOptions.Default);
            Assert.Null(result.Error);
            Assert.Equal(m.Bytes, BgpCodec.Encode(result.Message!, BgpCodecOptions.Default));
        });
        Assert.Equal(4, messages.Select(m => m.From).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public void Open_CarriesTheAsnHoldTimeIdentifierAndCapabilities(string capture, string sender)
    {
        var peer = CapturedPeer.Of(capture, sender);

        var opens = peer.Messages.Select(Decode).OfType<OpenMessage>().ToList();

        Assert.Equal(2, opens.Count);
        Assert.All(opens, open =>
        {
            Assert.Equal(peer.Asn, open.Asn);
            Assert.Equal(peer.Asn > ushort.MaxValue ? OpenMessage.AsTrans : peer.Asn, open.MyAs);
            Assert.Equal(sender switch { "gobgp" => 90, "bird" => 240, _ => 180 }, open.HoldTime);
            Assert.Equal(IpAddress.Parse($"198.51.100.{peer.Side}").Value, open.BgpIdentifier);
            Assert.Contains(open.Capabilities, c => c is RouteRefreshCapability);
            var gracefulRestart = Assert.Single(open.Capabilities.OfType<GracefulRestartCapability>());
            Assert.Equal(sender == "gobgp" ? 90 : 120, gracefulRestart.RestartTime);
            Assert.Equal(sender == "frr", gracefulRestart.RestartState && gracefulRestart.NotificationSupported);
            var family = Assert.Single(open.Capabilities.OfType<MultiprotocolCapability>());
            Assert.Equal(Safi.Unicast, family.Safi);
            Assert.Equal(new GracefulRestartFamily(family.Afi, Safi.Unicast, 0), Assert.Single(gracefulRestart.Families));
        });
        Assert.Equal([Afi.Ipv4, Afi.Ipv6], opens.Select(o => o.Capabilities.OfType<MultiprotocolCapability>().Single().Afi).Order());
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public void Updates_AnnounceThePeersPrefixes_WithCommunitiesLargeCommunitiesLocalPrefAndPath(string capture, string sender)
    {
        var peer = CapturedPeer.Of(capture, sender);
        var me = peer.Side;
        string[] own = [$"198.51.100.{64 + (me * 16)}/28", $"198.51.100.{200 + me}/32", $"2001:db8::{me}00:0/120", $"2001:db8::{me}ff/128"];

        var updates = peer.Messages.Select(Decode).OfType<UpdateMessage>().ToList();
        var announced = updates.SelectMany(u => u.Announced.Select(p => (Prefix: p.ToString(), Update: u))).ToList();

        Assert.Subset(announced.Select(a => a.Prefix).ToHashSet(), own.ToHashSet());
        foreach (var tagged in new[] { own[0], own[2] })
        {
            var update = announced.First(a => a.Prefix == tagged).Update;
            Assert.Contains(Community.Of(65000, (ushort)((me * 100) + 1)), update.Communities);
            Assert.Contains(new LargeCommunity(65000, (uint)me, 1), update.LargeCommunities);
            Assert.Equal(peer.Internal ? 100u + (uint)(me * 10) : null, update.LocalPref);
            Assert.Equal(peer.Internal ? [] : [peer.Asn], update.AsPath!.Asns);
            Assert.Equal(Origin.Igp, update.Origin);
        }

        var v4 = announced.First(a => a.Prefix == own[0]).Update;
        Assert.Equal(7u, v4.MultiExitDisc);
        Assert.Equal(IpAddress.Parse($"198.51.100.{me}"), v4.NextHop);
    }

    [Theory]
    [InlineData("gobgp-bird", "gobgp", false)]
    [InlineData("gobgp-bird", "bird", true)]
    [InlineData("bird-frr", "bird", false)]
    [InlineData("bird-frr", "frr", true)]
    [InlineData("frr-gobgp", "frr", true)]
    [InlineData("frr-gobgp", "gobgp", false)]
    [InlineData("frr-bird", "frr", true)]
    [InlineData("frr-bird", "bird", true)]
    public void MpReach_CarriesTheGlobalNextHop_AndALinkLocalOneWhereThePeerSendsIt(string capture, string sender, bool linkLocal)
    {
        var peer = CapturedPeer.Of(capture, sender);

        var reaches = peer.Messages.Select(Decode).OfType<UpdateMessage>().Select(u => u.MpReach).OfType<MpReachNlriAttribute>().ToList();

        Assert.NotEmpty(reaches);
        Assert.All(reaches, reach =>
        {
            Assert.Equal((Afi.Ipv6, Safi.Unicast), (reach.Afi, reach.Safi));
            Assert.Equal(IpAddress.Parse($"2001:db8::{peer.Side}"), reach.NextHop);
            Assert.Equal(linkLocal, reach.LinkLocalNextHop is { } ll && ll.Value >> 118 == 0x3FA);
        });
    }

    [Theory]
    [InlineData("gobgp", 1, false)]
    [InlineData("bird", 1, true)]
    [InlineData("frr", 10, true)]
    public void PeersDiffer_InCapabilityPacking_AndInWhereMpReachGoes(string sender, int parameters, bool mpReachFirst)
    {
        var messages = Captured.All.Where(m => m.Sender == sender).Select(Decode).ToList();

        Assert.All(messages.OfType<OpenMessage>(), open => Assert.Equal(parameters, open.Parameters.Count));
        Assert.All(messages.OfType<UpdateMessage>().Where(u => u.MpReach is not null),
            update => Assert.Equal(mpReachFirst, update.Attributes[0] is MpReachNlriAttribute));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public void EachSession_EndsItsInitialUpdates_WithAnEndOfRibMarker(string capture, string sender)
    {
        var peer = CapturedPeer.Of(capture, sender);

        var markers = peer.Messages.Where(m => Decode(m) is UpdateMessage { IsEndOfRib: true }).ToList();

        Assert.Equal(2, markers.Count);
        Assert.Single(markers, m => m.OverIpv6 && ((UpdateMessage)Decode(m)).MpUnreach is { Afi: Afi.Ipv6 });
        Assert.Single(markers, m => !m.OverIpv6 && m.Bytes.Length == 23);
    }

    [Theory]
    [InlineData("gobgp-bird", "gobgp", CeaseSubcode.PeerDeconfigured)]
    [InlineData("bird-frr", "bird", CeaseSubcode.AdministrativeShutdown)]
    public void StoppingADaemon_SendsACeaseOnBothSessions(string capture, string sender, CeaseSubcode subcode)
    {
        var notifications = Captured.From(capture, sender).Select(Decode).OfType<NotificationMessage>().ToList();

        Assert.Equal(2, notifications.Count);
        Assert.All(notifications, n => Assert.Equal((BgpErrorCode.Cease, (byte)subcode, 0), (n.Code, n.Subcode, n.Data.Length)));
    }

    [Fact]
    public void Frr_StoppedBySigterm_ClosesWithoutANotification()
    {
        var fromFrr = Captured.All.Where(m => m.Capture.StartsWith("frr-", StringComparison.Ordinal) && m.Sender == "frr");

        Assert.DoesNotContain(fromFrr, m => m.Bytes[18] == (byte)BgpMessageType.Notification);
    }

    private static BgpMessage Decode(CapturedMessage message) => BgpCodec.Decode(message.Bytes, BgpCodecOptions.Default).Message!;
}
