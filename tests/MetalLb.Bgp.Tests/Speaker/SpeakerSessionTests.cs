using System.Net;
using MetalLb.Bgp.Capabilities;
using MetalLb.Bgp.Messages;
using MetalLb.Bgp.Session;

namespace MetalLb.Bgp.Tests.Speaker;

public class SpeakerSessionTests
{
    [Fact]
    public async Task Dial_SendsOurOpen_WithTheSessionsAddressAsRouterId_AndComesUp()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();

        await harness.Speaker.SetPeerAsync(SpeakerHarness.PeerFor(peer) with { HoldTime = TimeSpan.FromSeconds(30) });
        var connection = await peer.AcceptAsync();
        var open = await connection.EstablishAsync(SpeakerHarness.Theirs);
        var status = await harness.WaitForAsync("router", s => s.Up);

        Assert.Equal((SpeakerHarness.Ours, (ushort)30, 0x7F000001u), (open.Asn, open.HoldTime, open.BgpIdentifier));
        Assert.Equal([(Afi.Ipv4, Safi.Unicast)], open.Capabilities.OfType<MultiprotocolCapability>().Select(c => (c.Afi, c.Safi)));
        Assert.Contains(open.Capabilities, c => c is RouteRefreshCapability);
        Assert.Contains(open.Capabilities, c => c is FourOctetAsCapability { Asn: SpeakerHarness.Ours });
        Assert.DoesNotContain(open.Capabilities, c => c is GracefulRestartCapability);
        Assert.Equal(("127.0.0.1", TimeSpan.FromSeconds(30), 1L), (status.LocalAddress, status.HoldTime, status.SessionsEstablished));
        Assert.Equal($"127.0.0.1:{peer.Port}", status.Endpoint);
    }

    [Fact]
    public async Task ConfiguredRouterId_GracefulRestart_AndDualStack_ShowInTheOpen()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();

        await harness.Speaker.SetPeerAsync(SpeakerHarness.PeerFor(peer) with
        {
            RouterId = IPAddress.Parse("192.0.2.7"),
            GracefulRestart = true,
            DualStack = true,
        });
        var open = Assert.IsType<OpenMessage>(await (await peer.AcceptAsync()).ReceiveAsync());

        Assert.Equal(0xC0000207u, open.BgpIdentifier);
        Assert.Equal(120, Assert.Single(open.Capabilities.OfType<GracefulRestartCapability>()).RestartTime);
        Assert.Equal(
            [(Afi.Ipv4, Safi.Unicast), (Afi.Ipv6, Safi.Unicast)],
            open.Capabilities.OfType<MultiprotocolCapability>().Select(c => (c.Afi, c.Safi)));
    }

    [Fact]
    public async Task HoldTimerExpiry_SendsTheNotification_AndSaysSo()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        var connection = await harness.EstablishAsync(peer, SpeakerHarness.PeerFor(peer) with { HoldTime = TimeSpan.FromSeconds(3) });
        await harness.WaitForAsync("router", s => s.Up);

        harness.Time.Advance(TimeSpan.FromSeconds(3));
        var notification = Assert.IsType<NotificationMessage>(await connection.ReceiveSkippingKeepalivesAsync());
        var status = await harness.WaitForAsync("router", s => !s.Up);

        Assert.Equal(BgpErrorCode.HoldTimerExpired, notification.Code);
        Assert.Equal("hold timer expired", status.LastError);
        Assert.True(await connection.ClosedAsync());
        Assert.Equal(1, status.SessionsLost);
    }

    [Fact]
    public async Task Keepalives_GoOutEveryThirdOfTheHoldTime_AndKeepTheSession()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        var connection = await harness.EstablishAsync(peer, SpeakerHarness.PeerFor(peer) with { HoldTime = TimeSpan.FromSeconds(9) });

        for (var i = 0; i < 4; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(3));
            Assert.IsType<KeepaliveMessage>(await connection.ReceiveAsync());
            await connection.SendAsync(KeepaliveMessage.Instance);
        }

        Assert.True((await harness.WaitForAsync("router", _ => true)).Up);
    }

    [Fact]
    public async Task MalformedMessage_GetsTheNotification_AndTheSpeakerDialsAgainAfterTheBackOff()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        var connection = await harness.EstablishAsync(peer, SpeakerHarness.PeerFor(peer));

        var badMarker = Wire.Update(Wire.Mandatory);
        badMarker[3] = 0;
        await connection.SendRawAsync(badMarker);
        var notification = Assert.IsType<NotificationMessage>(await connection.ReceiveSkippingKeepalivesAsync());
        var down = await harness.WaitForAsync("router", s => !s.Up);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var again = await peer.AcceptAsync();
        await again.EstablishAsync(SpeakerHarness.Theirs);

        Assert.Equal((BgpErrorCode.MessageHeader, (byte)MessageHeaderError.ConnectionNotSynchronized), (notification.Code, notification.Subcode));
        Assert.StartsWith("malformed message from the peer: marker", down.LastError, StringComparison.Ordinal);
        Assert.Equal(2, (await harness.WaitForAsync("router", s => s.Up)).SessionsEstablished);
    }

    [Fact]
    public async Task MalformedAttribute_IsTreatedAsWithdraw_AndTheSessionStays()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        var connection = await harness.EstablishAsync(peer, SpeakerHarness.PeerFor(peer) with { HoldTime = TimeSpan.FromSeconds(3) });

        await connection.SendRawAsync(Wire.Update("40 01 01 07" + Wire.AsPath + Wire.NextHop));
        await connection.SendAsync(KeepaliveMessage.Instance);
        var status = await harness.EventuallyAsync("router", s => s.UpdatesReceived == 1);
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.IsType<KeepaliveMessage>(await connection.ReceiveAsync());
        Assert.True(status.Up);
        Assert.Equal(1, status.SessionsEstablished);
    }

    [Fact]
    public async Task PeerClosing_TakesTheSessionDown_AndItIsDialledAgainAfterTheBackOff()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        await harness.Speaker.SetPeerAsync(SpeakerHarness.PeerFor(peer));
        harness.Speaker.Advertise("router", SpeakerHarness.Route("203.0.113.1/32"));
        var connection = await peer.AcceptAsync();
        await connection.EstablishAsync(SpeakerHarness.Theirs);
        await connection.UpdatesUntilEndOfRibAsync();

        await harness.WaitForAsync("router", s => s.Up);
        connection.Close();
        var down = await harness.WaitForAsync("router", s => !s.Up && s.LastError is not null);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var again = await peer.AcceptAsync();
        await again.EstablishAsync(SpeakerHarness.Theirs);
        var table = await again.UpdatesUntilEndOfRibAsync();

        Assert.Contains(down.LastError, new[] { "peer closed the connection", "connection reset by peer" });
        Assert.Equal((0, 1), (down.Announced, down.Pending));
        Assert.Equal("203.0.113.1/32", Assert.Single(Assert.Single(table).Nlri).ToString());
    }

    [Fact]
    public async Task RefusedDials_AreRetried_WithTheReasonInTheStatus()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        var options = SpeakerHarness.PeerFor(peer);
        peer.StopListening();

        await harness.Speaker.SetPeerAsync(options);
        var refused = await harness.WaitForAsync("router", s => s.LastError is not null);

        Assert.Equal("connection refused", refused.LastError);
        Assert.Equal(SessionState.Idle, refused.State);
    }

    [Fact]
    public async Task WrongPeerAsn_GetsBadPeerAs()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        await harness.Speaker.SetPeerAsync(SpeakerHarness.PeerFor(peer));
        var connection = await peer.AcceptAsync();
        await connection.ReceiveAsync();

        await connection.SendAsync(OpenMessage.Create(64999, 90, ScriptedConnection.PeerId, [new FourOctetAsCapability(64999)]));
        var notification = Assert.IsType<NotificationMessage>(await connection.ReceiveAsync());
        var status = await harness.WaitForAsync("router", s => s.LastError is not null);

        Assert.Equal((BgpErrorCode.OpenMessage, (byte)OpenMessageError.BadPeerAs), (notification.Code, notification.Subcode));
        Assert.Equal($"peer is AS 64999, expected AS {SpeakerHarness.Theirs}", status.LastError);
    }

    [Fact]
    public async Task ReconfiguringWithEqualOptions_KeepsTheSession_AndAChangeRestartsItWithACease()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        var options = SpeakerHarness.PeerFor(peer);
        await harness.Speaker.SetPeerAsync(options);
        var connection = await peer.AcceptAsync();
        await connection.EstablishAsync(SpeakerHarness.Theirs);
        await connection.UpdatesUntilEndOfRibAsync();

        await harness.Speaker.SetPeerAsync(options with { });
        var kept = harness.Speaker.Peer("router")!;
        await harness.Speaker.SetPeerAsync(options with { HoldTime = TimeSpan.FromSeconds(30) });
        var cease = Assert.IsType<NotificationMessage>(await connection.ReceiveSkippingKeepalivesAsync());
        var next = await peer.AcceptAsync();
        var open = await next.EstablishAsync(SpeakerHarness.Theirs);

        Assert.True(kept.Up);
        Assert.Equal(1, kept.SessionsEstablished);
        Assert.Equal((BgpErrorCode.Cease, (byte)CeaseSubcode.AdministrativeShutdown), (cease.Code, cease.Subcode));
        Assert.Equal(30, open.HoldTime);
    }

    [Fact]
    public async Task RemovingThePeer_SendsACease_AndClosesTheConnection()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        var connection = await harness.EstablishAsync(peer, SpeakerHarness.PeerFor(peer));

        await harness.Speaker.RemovePeerAsync("router");
        var cease = Assert.IsType<NotificationMessage>(await connection.ReceiveSkippingKeepalivesAsync());

        Assert.Equal(BgpErrorCode.Cease, cease.Code);
        Assert.True(await connection.ClosedAsync());
        Assert.Empty(harness.Speaker.Peers);
    }
}
