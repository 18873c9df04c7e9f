using System.Collections.Concurrent;
using MetalLb.Bgp.Speaker;
using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;
using Microsoft.Extensions.Options;

namespace MetalLb.Announcer.Bgp;

/// <summary>
/// The BGP backend of <c>Announcer:BgpMode=Native</c>: MetalLB's native speaker re-done on <see cref="BgpSpeaker"/>
/// (libs/MetalLb.Bgp), with IPv6, large communities, graceful restart and dual-stack sessions on top. Peers it cannot
/// serve are listed with the reason and get no session.
/// </summary>
internal sealed class NativeBgpBackend : IBgpBackend
{
    private readonly BgpSpeaker _speaker;
    private readonly SemaphoreSlim _setting = new(1, 1);
    private readonly ConcurrentDictionary<string, (bool Up, string? LastError)> _reported = new(StringComparer.Ordinal);
    private IReadOnlyList<NativePeerPlan> _refused = [];
    private HashSet<string> _running = new(StringComparer.Ordinal);

    public NativeBgpBackend(IOptions<BgpSpeakerOptions> options, TimeProvider time, ILogger<BgpSpeaker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _speaker = new BgpSpeaker(options.Value, time, logger);
        _speaker.PeerChanged += OnPeerChanged;
    }

    public event Action<BgpPeerState>? SessionChanged;

    public IReadOnlyList<BgpPeerState> Sessions =>
        [.. _speaker.Peers.Select(NativePeerMapper.State), .. Volatile.Read(ref _refused).Select(p => new BgpPeerState(p.Name, p.Endpoint, false, p.Problem, 0, 0, 0))];

    public async Task SetPeersAsync(IReadOnlyList<ResolvedPeer> peers, IReadOnlyList<BfdProfileConfig> bfdProfiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var plans = peers.Select(NativePeerMapper.Plan).ToList();
        await _setting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var running = plans.Where(p => p.Options is not null).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _running.Where(name => !running.Contains(name)))
            {
                await _speaker.RemovePeerAsync(gone).ConfigureAwait(false);
                _reported.TryRemove(gone, out _);
            }

            foreach (var plan in plans.Where(p => p.Options is not null))
            {
                await _speaker.SetPeerAsync(plan.Options!).ConfigureAwait(false);
            }

            _running = running;
            Volatile.Write(ref _refused, plans.Where(p => p.Options is null).ToList());
        }
        finally
        {
            _setting.Release();
        }
    }

    public Task AdvertiseAsync(RouteAdvertisement route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        _speaker.Advertise(route.Peer, NativePeerMapper.Route(route));
        return Task.CompletedTask;
    }

    public Task WithdrawAsync(RouteAdvertisement route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        _speaker.Withdraw(route.Peer, NativePeerMapper.Route(route).Prefix);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _speaker.PeerChanged -= OnPeerChanged;
        await _speaker.DisposeAsync().ConfigureAwait(false);
        _setting.Dispose();
    }

    /// <summary>The speaker reports every state step (Idle, Connect, …); the port promises up/down and new errors only.</summary>
    private void OnPeerChanged(BgpPeerStatus status)
    {
        var now = (status.Up, status.LastError);
        var before = _reported.GetValueOrDefault(status.Name);
        _reported[status.Name] = now;
        if (before != now)
        {
            SessionChanged?.Invoke(NativePeerMapper.State(status));
        }
    }
}
