using MetalLb.Bgp.Capabilities;
using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Session;

/// <summary>
/// The RFC 4271 §8 finite state machine of one session, pure: an event in, the actions the host must take out. It
/// dials (MetalLB's speakers connect out, and a dialling speaker comes up fastest against GoBGP), validates the peer's
/// OPEN (§6.2: version, AS, hold time, identifier), negotiates hold time, 4-octet ASNs (RFC 6793), families (RFC 4760),
/// route refresh and graceful restart (RFC 4724), keeps the session with keepalives, and after any failure dials again
/// with a back-off that doubles up to a cap. Not thread-safe: one host loop feeds it.
/// </summary>
public sealed class BgpSession(SessionSettings settings)
{
    private TimeSpan _backoff = settings.ConnectRetry;
    private uint _routerId = settings.RouterId;
    private bool _wanted;

    public SessionState State { get; private set; } = SessionState.Idle;

    /// <summary>What the OPENs agreed, while the session is up.</summary>
    public NegotiatedSession? Negotiated { get; private set; }

    /// <summary>Why the session last went down, or null.</summary>
    public string? LastError { get; private set; }

    public IReadOnlyList<SessionAction> Handle(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            SessionEvent.Start => Start(),
            SessionEvent.Stop => Stop(),
            SessionEvent.Connected c when State == SessionState.Connect => Connected(c.RouterId),
            SessionEvent.Connected => [new SessionAction.Disconnect()],
            SessionEvent.Disconnected d => Fail(d.Reason, notification: null),
            SessionEvent.TimerFired { Timer: SessionTimer.ConnectRetry } => _wanted && State is SessionState.Idle or SessionState.Connect ? Dial() : [],
            SessionEvent.TimerFired { Timer: SessionTimer.Hold } when State is SessionState.OpenSent or SessionState.OpenConfirm or SessionState.Established =>
                Fail("hold timer expired", NotificationMessage.HoldTimerExpired()),
            SessionEvent.TimerFired { Timer: SessionTimer.Keepalive } when State is SessionState.OpenConfirm or SessionState.Established =>
                [new SessionAction.Send(KeepaliveMessage.Instance), new SessionAction.StartTimer(SessionTimer.Keepalive, Negotiated!.KeepaliveInterval!.Value)],
            SessionEvent.TimerFired => [],
            SessionEvent.Malformed m => Malformed(m.Error),
            SessionEvent.Received r => Received(r.Message),
            _ => [],
        };
    }

    private List<SessionAction> Start()
    {
        _wanted = true;
        return State == SessionState.Idle ? Dial() : [];
    }

    private List<SessionAction> Stop()
    {
        _wanted = false;
        var actions = new List<SessionAction>();
        if (State is SessionState.OpenSent or SessionState.OpenConfirm or SessionState.Established)
        {
            actions.Add(new SessionAction.Send(NotificationMessage.Cease(CeaseSubcode.AdministrativeShutdown)));
        }

        actions.AddRange(GoIdle("stopped"));
        return actions;
    }

    private List<SessionAction> Dial()
    {
        State = SessionState.Connect;
        return [new SessionAction.Connect(), new SessionAction.StartTimer(SessionTimer.ConnectRetry, _backoff)];
    }

    private List<SessionAction> Connected(uint? routerId)
    {
        _routerId = routerId ?? settings.RouterId;
        State = SessionState.OpenSent;
        return
        [
            new SessionAction.StopTimer(SessionTimer.ConnectRetry),
            new SessionAction.Send(OurOpen()),
            new SessionAction.StartTimer(SessionTimer.Hold, SessionSettings.OpenHoldTime),
        ];
    }

    private List<SessionAction> Received(BgpMessage message)
    {
        switch (State, message)
        {
            case (_, NotificationMessage n):
                return Fail($"peer sent {n}", notification: null);
            case (SessionState.OpenSent, OpenMessage open):
                return ReceivedOpen(open);
            case (SessionState.OpenConfirm, KeepaliveMessage):
                State = SessionState.Established;
                _backoff = settings.ConnectRetry;
                LastError = null;
                return [.. HoldRestart(), new SessionAction.Up(Negotiated!)];
            case (SessionState.Established, KeepaliveMessage or RouteRefreshMessage):
                return HoldRestart();
            case (SessionState.Established, UpdateMessage update):
                return [.. HoldRestart(), new SessionAction.Update(update)];
            case (SessionState.OpenSent or SessionState.OpenConfirm or SessionState.Established, _):
                // RFC 6608: an event the state does not expect; the subcode names the state.
                var subcode = State switch { SessionState.OpenSent => (byte)1, SessionState.OpenConfirm => (byte)2, _ => (byte)3 };
                return Fail($"unexpected {message.Type} in {State}", new NotificationMessage(BgpErrorCode.FiniteStateMachine, subcode, []));
            default:
                return [];
        }
    }

    private List<SessionAction> ReceivedOpen(OpenMessage open)
    {
        if (open.Version != 4)
        {
            return Fail($"peer speaks BGP version {open.Version}", NotificationMessage.Open(OpenMessageError.UnsupportedVersionNumber, 0, 4));
        }

        if (open.Asn != settings.PeerAsn)
        {
            return Fail($"peer is AS {open.Asn}, expected AS {settings.PeerAsn}", NotificationMessage.Open(OpenMessageError.BadPeerAs));
        }

        if (open.HoldTime is 1 or 2)
        {
            return Fail($"peer offers a hold time of {open.HoldTime} s (0 or at least 3 allowed)", NotificationMessage.Open(OpenMessageError.UnacceptableHoldTime));
        }

        if (open.BgpIdentifier == 0 || open.BgpIdentifier == _routerId)
        {
            return Fail($"peer's BGP identifier {open.BgpIdentifier} is 0 or ours", NotificationMessage.Open(OpenMessageError.BadBgpIdentifier));
        }

        var theirs = open.Capabilities.ToList();
        var offered = theirs.OfType<MultiprotocolCapability>().Select(c => (c.Afi, c.Safi)).ToList();

        // RFC 4760 §8: a peer that advertises no multiprotocol capability speaks IPv4 unicast only.
        if (offered.Count == 0)
        {
            offered.Add((Afi.Ipv4, Safi.Unicast));
        }

        var hold = TimeSpan.FromSeconds(Math.Min(settings.HoldTime.TotalSeconds, open.HoldTime));
        Negotiated = new NegotiatedSession(
            open.Asn,
            open.BgpIdentifier,
            hold,
            open.SupportsFourOctetAs,
            [.. settings.Families.Where(offered.Contains)],
            theirs.OfType<RouteRefreshCapability>().Any(),
            settings.GracefulRestart is not null && theirs.OfType<GracefulRestartCapability>().Any());
        State = SessionState.OpenConfirm;
        List<SessionAction> actions = [new SessionAction.Send(KeepaliveMessage.Instance)];
        if (Negotiated.KeepaliveInterval is { } keepalive)
        {
            actions.Add(new SessionAction.StartTimer(SessionTimer.Hold, hold));
            actions.Add(new SessionAction.StartTimer(SessionTimer.Keepalive, keepalive));
        }
        else
        {
            actions.Add(new SessionAction.StopTimer(SessionTimer.Hold));
            actions.Add(new SessionAction.StopTimer(SessionTimer.Keepalive));
        }

        return actions;
    }

    private List<SessionAction> Malformed(BgpError error)
    {
        // RFC 7606: a malformed attribute of an UPDATE withdraws its routes or is dropped, but keeps the session.
        if (error.Action != BgpErrorAction.SessionReset && State == SessionState.Established)
        {
            return HoldRestart();
        }

        return Fail($"malformed message from the peer: {error.Reason}", error.Notification);
    }

    private List<SessionAction> HoldRestart() =>
        Negotiated?.HoldTime is { } hold && hold > TimeSpan.Zero ? [new SessionAction.StartTimer(SessionTimer.Hold, hold)] : [];

    /// <summary>Tells the peer why (when there is a NOTIFICATION to send), drops the session and dials again later.</summary>
    private List<SessionAction> Fail(string reason, NotificationMessage? notification)
    {
        var actions = new List<SessionAction>();
        if (notification is not null && State is SessionState.OpenSent or SessionState.OpenConfirm or SessionState.Established)
        {
            actions.Add(new SessionAction.Send(notification));
        }

        actions.AddRange(GoIdle(reason));
        if (_wanted)
        {
            actions.Add(new SessionAction.StartTimer(SessionTimer.ConnectRetry, _backoff));
            _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, settings.MaxConnectRetry.Ticks));
        }

        return actions;
    }

    private List<SessionAction> GoIdle(string reason)
    {
        var wasConnected = State is not SessionState.Idle;
        var wasUp = State == SessionState.Established;
        State = SessionState.Idle;
        Negotiated = null;
        LastError = reason;
        var actions = new List<SessionAction>
        {
            new SessionAction.StopTimer(SessionTimer.Hold),
            new SessionAction.StopTimer(SessionTimer.Keepalive),
            new SessionAction.StopTimer(SessionTimer.ConnectRetry),
        };
        if (wasConnected)
        {
            actions.Add(new SessionAction.Disconnect());
        }

        if (wasUp || wasConnected)
        {
            actions.Add(new SessionAction.Down(reason));
        }

        return actions;
    }

    private OpenMessage OurOpen()
    {
        var capabilities = new List<BgpCapability>();
        capabilities.AddRange(settings.Families.Select(f => new MultiprotocolCapability(f.Afi, f.Safi)));
        capabilities.Add(new RouteRefreshCapability());
        if (settings.GracefulRestart is { } restart)
        {
            capabilities.Add(new GracefulRestartCapability(0, (ushort)restart.TotalSeconds, []));
        }

        capabilities.Add(new FourOctetAsCapability(settings.LocalAsn));
        return OpenMessage.Create(settings.LocalAsn, (ushort)settings.HoldTime.TotalSeconds, _routerId, capabilities);
    }
}
