using System.Net.Sockets;
using System.Threading.Channels;
using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Messages;
using MetalLb.Bgp.Session;
using Microsoft.Extensions.Logging;

namespace MetalLb.Bgp.Speaker;

/// <summary>
/// Runs one peer's <see cref="BgpSession"/> over TCP on a single loop: everything (route changes, socket reads,
/// finished writes, timers) arrives as a <see cref="PeerInput"/> on one channel, so the state machine, the
/// Adj-RIB-Out and the counters are touched by one thread at a time and need no locks. The loop never throws: a
/// failure while handling an input is logged and drops the session, which dials again after the back-off.
/// </summary>
internal sealed partial class PeerRunner : IDisposable
{
    private readonly BgpPeerOptions _peer;
    private readonly BgpSpeakerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<BgpPeerStatus> _changed;
    private readonly Channel<PeerInput> _inputs = Channel.CreateUnbounded<PeerInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly BgpSession _session;
    private readonly AdjRibOut _rib;
    private readonly PeerTimers _timers;
    private readonly List<Task> _closing = [];
    private BgpPeerStatus _status;
    private Task _run = Task.CompletedTask;
    private bool _stopped;

    public PeerRunner(
        BgpPeerOptions peer, BgpSpeakerOptions options, TimeProvider time, ILogger logger, IEnumerable<BgpRoute> routes, Action<BgpPeerStatus> changed)
    {
        _peer = peer;
        _options = options;
        _time = time;
        _logger = logger;
        _changed = changed;
        _session = new BgpSession(SessionSettingsFor(peer, options));
        _rib = new AdjRibOut(routes);
        _timers = new PeerTimers(time, _inputs.Writer);
        _status = Snapshot();
    }

    public BgpPeerOptions Peer => _peer;

    public BgpPeerStatus Status => Volatile.Read(ref _status);

    public void Start() => _run = Task.Run(RunAsync);

    public void Post(PeerInput input) => _inputs.Writer.TryWrite(input);

    /// <summary>Sends a Cease (when up), closes the connection and ends the loop.</summary>
    public Task StopAsync()
    {
        Post(new PeerInput.Stop());
        return _run;
    }

    internal static SessionSettings SessionSettingsFor(BgpPeerOptions peer, BgpSpeakerOptions options)
    {
        var hold = TimeSpan.FromSeconds(Math.Floor((peer.HoldTime ?? options.DefaultHoldTime).TotalSeconds));
        var own = peer.Address.AddressFamily == AddressFamily.InterNetwork ? Afi.Ipv4 : Afi.Ipv6;
        List<(Afi, Safi)> families = [(own, Safi.Unicast)];
        if (peer.DualStack)
        {
            families.Add((own == Afi.Ipv4 ? Afi.Ipv6 : Afi.Ipv4, Safi.Unicast));
        }

        var routerId = peer.RouterId is { } configured ? RouterIds.Of(configured) : RouterIds.FromNodeName(options.NodeName ?? Environment.MachineName);
        return new SessionSettings(
            peer.LocalAsn, peer.PeerAsn, routerId, hold, families, options.ConnectRetry, options.MaxConnectRetry,
            peer.GracefulRestart ? options.GracefulRestartTime : null);
    }

    private async Task RunAsync()
    {
        Guarded(() => Apply(_session.Handle(new SessionEvent.Start())));
        Publish();
        var reader = _inputs.Reader;
        while (!_stopped && await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (!_stopped && reader.TryRead(out var input))
            {
                Guarded(() => Handle(input));
            }

            // The status goes out before the bytes: whoever has seen a message from the speaker finds the status
            // already saying what led to it.
            Guarded(SendChanges);
            Publish();
            Guarded(Flush);
        }

        _inputs.Writer.TryComplete();
        Dispose();
        await Task.WhenAll(_closing).ConfigureAwait(false);
    }

    /// <summary>Stops the timers and a dial in flight; the loop calls it as it ends.</summary>
    public void Dispose()
    {
        _timers.Dispose();
        CancelDial();
    }

    private void Handle(PeerInput input)
    {
        switch (input)
        {
            case PeerInput.RoutesSet set:
                foreach (var route in set.Routes)
                {
                    _rib.Set(route);
                }

                break;
            case PeerInput.RoutesRemoved removed:
                foreach (var prefix in removed.Prefixes)
                {
                    _rib.Remove(prefix);
                }

                break;
            case PeerInput.Stop:
                Apply(_session.Handle(new SessionEvent.Stop()));
                _stopped = true;
                break;
            case PeerInput.Dialled dialled:
                OnDialled(dialled);
                break;
            case PeerInput.DialFailed failed when failed.Connection == _generation && _dial is not null:
                CancelDial();
                Apply(_session.Handle(new SessionEvent.Disconnected(failed.Reason)));
                break;
            case PeerInput.Frame frame when IsCurrent(frame.Connection):
                OnFrame(frame.Message);
                break;
            case PeerInput.FrameError error when IsCurrent(error.Connection):
                LogMalformed(_logger, _peer.Name, error.Error.ToString());
                Apply(_session.Handle(new SessionEvent.Malformed(error.Error)));
                break;
            case PeerInput.Closed closed when IsCurrent(closed.Connection):
                Apply(_session.Handle(new SessionEvent.Disconnected(closed.Reason)));
                break;
            case PeerInput.Written written when IsCurrent(written.Connection):
                _writing = false;
                _inFlight.ResetWrittenCount();
                break;
            case PeerInput.TimerFired fired when _timers.Fired(fired):
                // A dial in flight is governed by its own connect timeout (MetalLB waits 10 s), not by the
                // ConnectRetry timer that RFC 4271 lets abort it.
                if (fired.Timer != SessionTimer.ConnectRetry || _dial is null)
                {
                    Apply(_session.Handle(new SessionEvent.TimerFired(fired.Timer)));
                }

                break;
            default:
                // A late report from a connection or timer that is gone.
                break;
        }
    }

    private void OnFrame(byte[] message)
    {
        var result = BgpCodec.Decode(message, _codec);
        if (result.Message is UpdateMessage)
        {
            _updatesReceived++;
        }

        if (result.Error is { } error)
        {
            LogMalformed(_logger, _peer.Name, error.ToString());
            Apply(_session.Handle(new SessionEvent.Malformed(error)));
            return;
        }

        Apply(_session.Handle(new SessionEvent.Received(result.Message!)));
        if (result.Message is RouteRefreshMessage { Safi: Safi.Unicast, Afi: Afi.Ipv4 or Afi.Ipv6 } refresh && _session.State == SessionState.Established)
        {
            _rib.Refresh(refresh.Afi == Afi.Ipv4 ? Domain.Net.IpFamily.V4 : Domain.Net.IpFamily.V6);
        }
    }

    private bool IsCurrent(int connection) => _connection is not null && connection == _generation;

    /// <summary>The loop boundary: nothing escapes; a failure drops the session so it starts clean.</summary>
    private void Guarded(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            LogLoopFailed(_logger, e, _peer.Name);
            try
            {
                Apply(_session.Handle(new SessionEvent.Disconnected($"internal error: {e.Message}")));
            }
            catch (Exception again)
            {
                LogLoopFailed(_logger, again, _peer.Name);
            }
        }
    }

    private void Publish()
    {
        var status = Snapshot();
        var before = Interlocked.Exchange(ref _status, status);
        if (before.State == status.State && before.LastError == status.LastError)
        {
            return;
        }

        try
        {
            _changed(status);
        }
        catch (Exception e)
        {
            LogHandlerFailed(_logger, e, _peer.Name);
        }
    }

    private BgpPeerStatus Snapshot() => new(
        _peer.Name,
        _peer.Endpoint,
        _session.State,
        _session.LastError,
        _rib.Announced,
        _rib.Pending,
        _updatesSent,
        _updatesReceived,
        _established,
        _lost,
        _connection?.Local.Address.ToString(),
        _session.State == SessionState.Established ? _session.Negotiated?.HoldTime : null);

    [LoggerMessage(EventId = 905, Level = LogLevel.Warning, Message = "BGP peer {Peer} sent a malformed message: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 906, Level = LogLevel.Error, Message = "BGP peer {Peer}: handling an event failed; the session is reset")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, string peer);

    [LoggerMessage(EventId = 907, Level = LogLevel.Warning, Message = "BGP peer {Peer}: a state-change handler failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string peer);
}
