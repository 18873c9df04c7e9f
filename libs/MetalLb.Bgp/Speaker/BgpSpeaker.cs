using MetalLb.Domain.Net;
using Microsoft.Extensions.Logging;

namespace MetalLb.Bgp.Speaker;

/// <summary>
/// The native BGP speaker: many peers, each a session run on a loop of its own (<see cref="PeerRunner"/>), and one
/// Adj-RIB-Out per peer name. Routes may be set for a peer before it is configured or while it is down; they are sent
/// when its session comes up. Thread-safe.
/// </summary>
public sealed partial class BgpSpeaker : IAsyncDisposable
{
    private readonly BgpSpeakerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _configuring = new(1, 1);
    private readonly Dictionary<string, PeerRunner> _runners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<IpPrefix, BgpRoute>> _routes = new(StringComparer.Ordinal);
    private bool _disposed;

    public BgpSpeaker(BgpSpeakerOptions options, TimeProvider time, ILogger<BgpSpeaker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised on a peer's loop when its state or last error changes; handlers must be quick and must not block.</summary>
    public event Action<BgpPeerStatus>? PeerChanged;

    /// <summary>Every configured peer as of now.</summary>
    public IReadOnlyList<BgpPeerStatus> Peers
    {
        get
        {
            lock (_lock)
            {
                return [.. _runners.Values.Select(r => r.Status)];
            }
        }
    }

    public BgpPeerStatus? Peer(string name)
    {
        lock (_lock)
        {
            return _runners.TryGetValue(name, out var runner) ? runner.Status : null;
        }
    }

    /// <summary>
    /// Adds the peer, or reconfigures it: options equal to the current ones keep the session; any difference closes it
    /// (with a Cease) and starts a new one with the same routes.
    /// </summary>
    public async Task SetPeerAsync(BgpPeerOptions peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        Validate(peer);
        await _configuring.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            PeerRunner? old;
            lock (_lock)
            {
                _runners.TryGetValue(peer.Name, out old);
                if (old is not null && old.Peer == peer)
                {
                    return;
                }

                _runners.Remove(peer.Name);
            }

            if (old is not null)
            {
                LogReconfigured(_logger, peer.Name, peer);
                await old.StopAsync().ConfigureAwait(false);
            }
            else
            {
                LogAdded(_logger, peer.Name, peer);
            }

            lock (_lock)
            {
                var runner = new PeerRunner(peer, _options, _time, _logger, Table(peer.Name).Values.ToList(), Changed);
                _runners[peer.Name] = runner;
                runner.Start();
            }
        }
        finally
        {
            _configuring.Release();
        }
    }

    /// <summary>Closes the peer's session (with a Cease when up). Its routes are kept for when it comes back.</summary>
    public async Task RemovePeerAsync(string name)
    {
        await _configuring.WaitAsync().ConfigureAwait(false);
        try
        {
            PeerRunner? runner;
            lock (_lock)
            {
                if (!_runners.Remove(name, out runner))
                {
                    return;
                }
            }

            LogRemoved(_logger, name);
            await runner.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _configuring.Release();
        }
    }

    /// <summary>Advertises the route to the peer, replacing the attributes it had there.</summary>
    public void Advertise(string peer, BgpRoute route) => Advertise(peer, [route]);

    /// <summary>Advertises the routes to the peer in one go (they share UPDATEs where their attributes agree).</summary>
    public void Advertise(string peer, IReadOnlyList<BgpRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        lock (_lock)
        {
            var table = Table(peer);
            foreach (var route in routes)
            {
                table[route.Prefix] = route;
            }

            if (_runners.TryGetValue(peer, out var runner))
            {
                runner.Post(new PeerInput.RoutesSet(routes));
            }
        }
    }

    public void Withdraw(string peer, IpPrefix prefix) => Withdraw(peer, [prefix]);

    public void Withdraw(string peer, IReadOnlyList<IpPrefix> prefixes)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        lock (_lock)
        {
            var table = Table(peer);
            foreach (var prefix in prefixes)
            {
                table.Remove(prefix);
            }

            if (_runners.TryGetValue(peer, out var runner))
            {
                runner.Post(new PeerInput.RoutesRemoved(prefixes));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _configuring.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            List<PeerRunner> runners;
            lock (_lock)
            {
                runners = [.. _runners.Values];
                _runners.Clear();
            }

            await Task.WhenAll(runners.Select(r => r.StopAsync())).ConfigureAwait(false);
        }
        finally
        {
            _configuring.Release();
        }
    }

    private static void Validate(BgpPeerOptions peer)
    {
        if (peer.HoldTime is { } hold && (Math.Floor(hold.TotalSeconds) is 1 or 2 || hold < TimeSpan.Zero || hold.TotalSeconds > ushort.MaxValue))
        {
            throw new ArgumentException($"peer {peer.Name}: the hold time is 0 or 3 to 65535 s, not {hold}", nameof(peer));
        }

        if (peer.Port is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentException($"peer {peer.Name}: port {peer.Port} is out of range", nameof(peer));
        }

        if (peer.RouterId is { } id)
        {
            RouterIds.Of(id);
        }
    }

    private Dictionary<IpPrefix, BgpRoute> Table(string peer)
    {
        if (!_routes.TryGetValue(peer, out var table))
        {
            _routes[peer] = table = [];
        }

        return table;
    }

    private void Changed(BgpPeerStatus status) => PeerChanged?.Invoke(status);

    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "BGP peer {Peer} added: {Options}")]
    private static partial void LogAdded(ILogger logger, string peer, BgpPeerOptions options);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "BGP peer {Peer} reconfigured, its session restarts: {Options}")]
    private static partial void LogReconfigured(ILogger logger, string peer, BgpPeerOptions options);

    [LoggerMessage(EventId = 902, Level = LogLevel.Information, Message = "BGP peer {Peer} removed")]
    private static partial void LogRemoved(ILogger logger, string peer);
}
