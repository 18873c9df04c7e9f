using MetalLb.Bgp.Capabilities;
using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Messages;
using MetalLb.Bgp.Session;

namespace MetalLb.Bgp.Tests.Session;

public class BgpSessionTests
{
    private const uint Ours = 4_200_000_001;
    private const uint Theirs = 64500;
    private static readonly uint OurId = 0xC6336401;
    private static readonly uint TheirId = 0xC6336402;

    private static SessionSettings Settings(int holdSeconds = 90) => new(
        Ours, Theirs, OurId, TimeSpan.FromSeconds(holdSeconds),
        [(Afi.Ipv4, Safi.Unicast), (Afi.Ipv6, Safi.Unicast)],
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(120));

    private static OpenMessage PeerOpen(ushort hold = 90, uint asn = Theirs, uint id = 0xC6336402, byte version = 4, params BgpCapability[] capabilities) =>
        OpenMessage.Create(asn, hold, id, capabilities.Length > 0 ? capabilities :
            [new MultiprotocolCapability(Afi.Ipv4, Safi.Unicast), new RouteRefreshCapability(), new FourOctetAsCapability(asn)]) with
        { Version = version };

    private static BgpSession Connected(SessionSettings? settings = null)
    {
        var session = new BgpSession(settings ?? Settings());
        session.Handle(new SessionEvent.Start());
        session.Handle(new SessionEvent.Connected());
        return session;
    }

    private static BgpSession Established(ushort peerHold = 90)
    {
        var session = Connected();
        session.Handle(new SessionEvent.Received(PeerOpen(peerHold)));
        session.Handle(new SessionEvent.Received(KeepaliveMessage.Instance));
        Assert.Equal(SessionState.Established, session.State);
        return session;
    }

    [Fact]
    public void Start_Dials_AndOnConnectSendsAnOpenWithOurCapabilities()
    {
        var session = new BgpSession(Settings());

        var start = session.Handle(new SessionEvent.Start());
        var connected = session.Handle(new SessionEvent.Connected());

        Assert.Equal([new SessionAction.Connect(), new SessionAction.StartTimer(SessionTimer.ConnectRetry, TimeSpan.FromSeconds(1))], start);
        var open = Assert.IsType<OpenMessage>(connected.OfType<SessionAction.Send>().Single().Message);
        Assert.Equal((OpenMessage.AsTrans, Ours, (ushort)90, OurId), (open.MyAs, open.Asn, open.HoldTime, open.BgpIdentifier));
        Assert.Equal(
            [(Afi.Ipv4, Safi.Unicast), (Afi.Ipv6, Safi.Unicast)],
            open.Capabilities.OfType<MultiprotocolCapability>().Select(c => (c.Afi, c.Safi)));
        Assert.Contains(open.Capabilities, c => c is RouteRefreshCapability);
        Assert.Equal((ushort)120, Assert.Single(open.Capabilities.OfType<GracefulRestartCapability>()).RestartTime);
        Assert.Contains(new SessionAction.StartTimer(SessionTimer.Hold, SessionSettings.OpenHoldTime), connected);
        Assert.Equal(SessionState.OpenSent, session.State);
    }

    [Fact]
    public void RouterIdGivenAtConnect_ReplacesTheConfiguredOne_InTheOpenAndTheIdentifierCheck()
    {
        var session = new BgpSession(Settings());
        session.Handle(new SessionEvent.Start());

        var connected = session.Handle(new SessionEvent.Connected(TheirId));
        var open = Assert.IsType<OpenMessage>(connected.OfType<SessionAction.Send>().Single().Message);
        var answered = session.Handle(new SessionEvent.Received(PeerOpen(id: TheirId)));

        Assert.Equal(TheirId, open.BgpIdentifier);
        var notification = Assert.IsType<NotificationMessage>(answered.OfType<SessionAction.Send>().Single().Message);
        Assert.Equal((byte)OpenMessageError.BadBgpIdentifier, notification.Subcode);
    }

    [Fact]
    public void OurOpen_RoundTripsThroughTheCodec()
    {
        var session = new BgpSession(Settings());
        session.Handle(new SessionEvent.Start());
        var open = Assert.IsType<OpenMessage>(session.Handle(new SessionEvent.Connected()).OfType<SessionAction.Send>().Single().Message);

        var decoded = BgpCodec.Decode(BgpCodec.Encode(open, BgpCodecOptions.Default), BgpCodecOptions.Default);

        Assert.Null(decoded.Error);
        Assert.Equal(open.Asn, Assert.IsType<OpenMessage>(decoded.Message).Asn);
        Assert.Equal(open.Capabilities.Count(), ((OpenMessage)decoded.Message!).Capabilities.Count());
    }

    [Fact]
    public void PeersOpen_NegotiatesTheSmallerHoldTime_FourOctetAs_AndTheCommonFamilies_ThenKeepaliveMakesItUp()
    {
        var session = Connected();

        var opened = session.Handle(new SessionEvent.Received(PeerOpen(hold: 30)));
        var up = session.Handle(new SessionEvent.Received(KeepaliveMessage.Instance));

        Assert.Equal(SessionState.Established, session.State);
        Assert.Contains(new SessionAction.Send(KeepaliveMessage.Instance), opened);
        Assert.Contains(new SessionAction.StartTimer(SessionTimer.Hold, TimeSpan.FromSeconds(30)), opened);
        Assert.Contains(new SessionAction.StartTimer(SessionTimer.Keepalive, TimeSpan.FromSeconds(10)), opened);
        var negotiated = Assert.Single(up.OfType<SessionAction.Up>()).Session;
        Assert.Equal((TimeSpan.FromSeconds(30), true, true, false), (negotiated.HoldTime, negotiated.FourOctetAs, negotiated.RouteRefresh, negotiated.GracefulRestart));
        Assert.Equal([(Afi.Ipv4, Safi.Unicast)], negotiated.Families);
        Assert.Equal(TheirId, negotiated.PeerRouterId);
    }

    [Fact]
    public void PeerWithoutMultiprotocol_SpeaksIpv4UnicastOnly_AndWithoutCapability65_TwoOctetAsPaths()
    {
        var session = Connected();

        session.Handle(new SessionEvent.Received(PeerOpen(capabilities: [new RouteRefreshCapability()])));

        Assert.Equal([(Afi.Ipv4, Safi.Unicast)], session.Negotiated!.Families);
        Assert.False(session.Negotiated.FourOctetAs);
        Assert.Equal(BgpCodecOptions.TwoOctetAs, session.Negotiated.CodecOptions);
    }

    [Fact]
    public void HoldTimeZero_OnEitherSide_MeansNoKeepalivesAndNoHoldTimer()
    {
        var session = Connected();

        var opened = session.Handle(new SessionEvent.Received(PeerOpen(hold: 0)));

        Assert.Null(session.Negotiated!.KeepaliveInterval);
        Assert.Contains(new SessionAction.StopTimer(SessionTimer.Hold), opened);
        Assert.DoesNotContain(opened, a => a is SessionAction.StartTimer);
    }

    [Theory]
    [InlineData(90, Theirs + 1, 0xC6336402u, 4, OpenMessageError.BadPeerAs)]
    [InlineData(2, Theirs, 0xC6336402u, 4, OpenMessageError.UnacceptableHoldTime)]
    [InlineData(90, Theirs, 0u, 4, OpenMessageError.BadBgpIdentifier)]
    [InlineData(90, Theirs, 0xC6336401u, 4, OpenMessageError.BadBgpIdentifier)]
    [InlineData(90, Theirs, 0xC6336402u, 3, OpenMessageError.UnsupportedVersionNumber)]
    public void BadOpen_GetsTheRightNotification_AndTheSessionDialsAgainLater(int hold, uint asn, uint id, int version, OpenMessageError expected)
    {
        var session = Connected();

        var actions = session.Handle(new SessionEvent.Received(PeerOpen((ushort)hold, asn, id, (byte)version)));

        var notification = Assert.IsType<NotificationMessage>(actions.OfType<SessionAction.Send>().Single().Message);
        Assert.Equal((BgpErrorCode.OpenMessage, (byte)expected), (notification.Code, notification.Subcode));
        Assert.Contains(new SessionAction.Disconnect(), actions);
        Assert.Contains(actions, a => a is SessionAction.Down);
        Assert.Contains(new SessionAction.StartTimer(SessionTimer.ConnectRetry, TimeSpan.FromSeconds(1)), actions);
        Assert.Equal(SessionState.Idle, session.State);
        Assert.NotNull(session.LastError);
    }

    [Fact]
    public void RepeatedFailures_BackOffDoublingUpToTheCap_AndSuccessResetsIt()
    {
        var session = new BgpSession(Settings());
        session.Handle(new SessionEvent.Start());
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            var failed = session.Handle(new SessionEvent.Disconnected("connection refused"));
            waits.Add(failed.OfType<SessionAction.StartTimer>().Single(t => t.Timer == SessionTimer.ConnectRetry).After);
            Assert.Contains(new SessionAction.Connect(), session.Handle(new SessionEvent.TimerFired(SessionTimer.ConnectRetry)));
        }

        session.Handle(new SessionEvent.Connected());
        session.Handle(new SessionEvent.Received(PeerOpen()));
        session.Handle(new SessionEvent.Received(KeepaliveMessage.Instance));
        var afterUp = session.Handle(new SessionEvent.Disconnected("reset by peer"));

        Assert.Equal([1, 2, 4, 8, 8, 8], waits.Select(w => (int)w.TotalSeconds));
        Assert.Contains(new SessionAction.StartTimer(SessionTimer.ConnectRetry, TimeSpan.FromSeconds(1)), afterUp);
    }

    [Fact]
    public void HoldTimerExpiry_SendsTheNotification_GoesDown_AndDialsAgain()
    {
        var session = Established();

        var actions = session.Handle(new SessionEvent.TimerFired(SessionTimer.Hold));

        Assert.Equal(BgpErrorCode.HoldTimerExpired, Assert.IsType<NotificationMessage>(actions.OfType<SessionAction.Send>().Single().Message).Code);
        Assert.Contains(actions, a => a is SessionAction.Down { Reason: "hold timer expired" });
        Assert.Contains(actions, a => a is SessionAction.StartTimer { Timer: SessionTimer.ConnectRetry });
    }

    [Fact]
    public void Keepalives_GoOutEveryThirdOfTheHoldTime_AndWhatArrivesRestartsTheHoldTimer()
    {
        var session = Established(peerHold: 9);

        var tick = session.Handle(new SessionEvent.TimerFired(SessionTimer.Keepalive));
        var heard = session.Handle(new SessionEvent.Received(KeepaliveMessage.Instance));

        Assert.Equal([new SessionAction.Send(KeepaliveMessage.Instance), new SessionAction.StartTimer(SessionTimer.Keepalive, TimeSpan.FromSeconds(3))], tick);
        Assert.Equal([new SessionAction.StartTimer(SessionTimer.Hold, TimeSpan.FromSeconds(9))], heard);
    }

    [Fact]
    public void UnexpectedMessage_IsAFiniteStateMachineError_NamingTheState()
    {
        var session = Connected();

        var actions = session.Handle(new SessionEvent.Received(KeepaliveMessage.Instance));

        var notification = Assert.IsType<NotificationMessage>(actions.OfType<SessionAction.Send>().Single().Message);
        Assert.Equal((BgpErrorCode.FiniteStateMachine, (byte)1), (notification.Code, notification.Subcode));
    }

    [Fact]
    public void MalformedAttribute_TreatAsWithdraw_KeepsTheSession_ButAResetDropsIt()
    {
        var session = Established();
        var withdraw = new BgpError(NotificationMessage.Update(UpdateMessageError.MalformedAttributeList), BgpErrorAction.TreatAsWithdraw, "bad COMMUNITIES length");
        var reset = BgpError.Reset(NotificationMessage.Update(UpdateMessageError.MalformedAttributeList), "bad NLRI");

        session.Handle(new SessionEvent.Malformed(withdraw));
        Assert.Equal(SessionState.Established, session.State);
        var dropped = session.Handle(new SessionEvent.Malformed(reset));

        Assert.Equal(SessionState.Idle, session.State);
        Assert.Equal(BgpErrorCode.UpdateMessage, Assert.IsType<NotificationMessage>(dropped.OfType<SessionAction.Send>().Single().Message).Code);
    }

    [Fact]
    public void PeerNotification_DropsTheSessionWithoutAnswering()
    {
        var session = Established();

        var actions = session.Handle(new SessionEvent.Received(NotificationMessage.Cease(CeaseSubcode.AdministrativeShutdown)));

        Assert.DoesNotContain(actions, a => a is SessionAction.Send);
        Assert.Contains(actions, a => a is SessionAction.Down);
    }

    [Fact]
    public void Stop_SendsCeaseAdministrativeShutdown_AndNeverDialsAgain()
    {
        var session = Established();

        var actions = session.Handle(new SessionEvent.Stop());
        var later = session.Handle(new SessionEvent.TimerFired(SessionTimer.ConnectRetry));

        var cease = Assert.IsType<NotificationMessage>(actions.OfType<SessionAction.Send>().Single().Message);
        Assert.Equal((BgpErrorCode.Cease, (byte)CeaseSubcode.AdministrativeShutdown), (cease.Code, cease.Subcode));
        Assert.DoesNotContain(actions, a => a is SessionAction.StartTimer);
        Assert.Empty(later);
        Assert.Equal(SessionState.Idle, session.State);
    }
}
