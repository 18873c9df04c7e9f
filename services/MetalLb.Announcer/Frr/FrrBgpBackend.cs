using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Announcer.Frr;

/// <summary>
/// FRR mode (Helm <c>speaker.frr.enabled</c>): holds the node's peers, BFD profiles and routes, renders FRR's whole
/// configuration from them after a debounce, and reloads FRR only when the text differs from what FRR runs —
/// MetalLB's FRR mode once reset sessions on every Service change (issues #1537, #1944, #2049). A failed reload is
/// tried again after <see cref="FrrOptions.RetryInterval"/>; FRR being down is reported in the sessions, never thrown.
/// Nothing is applied before the first peer set, so a restarted announcer does not wipe FRR's sessions before it
/// knows them.
/// </summary>
public sealed partial class FrrBgpBackend : IBgpBackend
{
    private readonly Lock _gate = new();
    private readonly string _hostname;
    private readonly IFrrControl _control;
    private readonly FrrOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<(string Peer, string Prefix), RouteAdvertisement> _routes = [];
    private readonly Task _pollLoop;
    private IReadOnlyList<ResolvedPeer> _peers = [];
    private IReadOnlyList<BfdProfileConfig> _profiles = [];
    private bool _peersKnown;

    public FrrBgpBackend(string hostname, IFrrControl control, FrrOptions options, TimeProvider time, ILogger<FrrBgpBackend> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hostname = hostname;
        _control = control;
        _options = options;
        _time = time;
        _logger = logger;
        _pollLoop = Task.Run(() => PollLoopAsync(_stop.Token));
    }

    /// <inheritdoc/>
    public event Action<BgpPeerState>? SessionChanged;

    /// <summary>Raised (on the backend's loop) after every debounced reload attempt.</summary>
    public event Action<FrrApplyAttempt>? ApplyAttempted;

    public Task SetPeersAsync(IReadOnlyList<ResolvedPeer> peers, IReadOnlyList<BfdProfileConfig> bfdProfiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(bfdProfiles);
        lock (_gate)
        {
            _peers = [.. peers.OrderBy(p => p.Config.Name, StringComparer.Ordinal)];
            _profiles = [.. bfdProfiles];
            _peersKnown = true;
        }

        RefreshSessions();
        Changed();
        return Task.CompletedTask;
    }

    public Task AdvertiseAsync(RouteAdvertisement route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        bool changed;
        lock (_gate)
        {
            changed = !_routes.TryGetValue((route.Peer, route.Prefix), out var existing) || !existing.Equals(route);
            _routes[(route.Peer, route.Prefix)] = route;
        }

        if (changed)
        {
            RefreshSessions();
            Changed();
        }

        return Task.CompletedTask;
    }

    public Task WithdrawAsync(RouteAdvertisement route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        bool changed;
        lock (_gate)
        {
            changed = _routes.Remove((route.Peer, route.Prefix));
        }

        if (changed)
        {
            RefreshSessions();
            Changed();
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Task running;
        lock (_gate)
        {
            _stop.Cancel();
            _timer?.Dispose();
            running = _running;
        }

        await Task.WhenAll(running, _pollLoop).ConfigureAwait(false);
        _stop.Dispose();
        _polling.Dispose();
    }

    private FrrDesiredState Snapshot()
    {
        lock (_gate)
        {
            return new FrrDesiredState(_hostname, _options.LogLevel, _options.FrrVersion, _peers, _profiles, [.. _routes.Values]);
        }
    }
}
