using System.Net;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Announcer.Frr;

public sealed partial class FrrBgpBackend
{
    private readonly SemaphoreSlim _polling = new(1, 1);
    private IReadOnlyList<FrrNeighborStatus> _neighbors = [];
    private string? _frrError;
    private IReadOnlyList<BgpPeerState> _sessions = [];

    /// <inheritdoc/>
    public IReadOnlyList<BgpPeerState> Sessions => Volatile.Read(ref _sessions);

    /// <summary>Reads FRR's neighbours every poll interval; FRR being down shows as every session down with the reason.</summary>
    private async Task PollLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// One read of FRR's neighbours, applied to the sessions. Polls run one at a time, so an answer read earlier is never
    /// applied over a later one (the loop's poll and a caller's may overlap).
    /// </summary>
    internal async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        await _polling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PollAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _polling.Release();
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var generation = Interlocked.Read(ref _applyGeneration);
        IReadOnlyList<FrrNeighborStatus> neighbors;
        try
        {
            neighbors = FrrNeighborParser.Parse(await _control.ReadNeighborsAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var first = Volatile.Read(ref _frrError) is null;
            Volatile.Write(ref _frrError, e.Message);
            if (first)
            {
                FrrLog.PollFailed(_logger, e.Message);
            }

            RefreshSessions();
            return;
        }

        if (Interlocked.Exchange(ref _frrError, null) is not null)
        {
            FrrLog.PollRecovered(_logger);
        }

        Volatile.Write(ref _neighbors, neighbors);
        var configured = Volatile.Read(ref _rendered) is { } rendered && Volatile.Read(ref _applied) == rendered.Text
            ? CountNeighbors(rendered.Text)
            : 0;
        if (neighbors.Count == 0 && configured > 0)
        {
            FrrLog.ConfigurationLost(_logger, configured);
            Forget(generation);
        }

        RefreshSessions();
    }

    private static int CountNeighbors(string configuration) =>
        configuration.Split('\n').Count(l => l.StartsWith(" neighbor ", StringComparison.Ordinal) && l.Contains(" remote-as ", StringComparison.Ordinal));

    /// <summary>Recomputes <see cref="Sessions"/> from the peers, the routes and FRR's last answer; raises <see cref="SessionChanged"/> for each session that came up or went down.</summary>
    private void RefreshSessions()
    {
        List<BgpPeerState> changed = [];
        lock (_gate)
        {
            var previous = _sessions.ToDictionary(s => s.Peer, StringComparer.Ordinal);
            var byKey = _neighbors.ToDictionary(n => (n.Vrf, n.Key));
            var skipped = _rendered?.SkippedPeers.ToDictionary(s => s.Peer, s => s.Reason, StringComparer.Ordinal) ?? [];
            var wanted = _routes.Keys.GroupBy(k => k.Peer, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var sessions = new List<BgpPeerState>(_peers.Count);
            foreach (var peer in _peers)
            {
                var c = peer.Config;
                var desired = wanted.GetValueOrDefault(c.Name);
                var status = byKey.GetValueOrDefault((c.Vrf ?? "", Key(c)));
                var up = _frrError is null && status is { Established: true };
                var announced = up ? status!.SentPrefixes : 0;
                var error = skipped.TryGetValue(c.Name, out var reason) ? reason
                    : _frrError is { } frr ? $"FRR does not answer: {frr}"
                    : status is null ? "not in FRR's configuration yet"
                    : status.LastError;
                var session = new BgpPeerState(c.Name, Endpoint(c), up, error, announced, Math.Max(0, desired - announced), status?.UpdatesSent ?? 0);
                sessions.Add(session);
                if (previous.TryGetValue(c.Name, out var before) ? before.Up != up : up)
                {
                    changed.Add(session);
                }
            }

            _sessions = sessions;
        }

        foreach (var session in changed)
        {
            FrrLog.SessionChanged(_logger, session.Peer, session.Endpoint, session.Up ? "up" : "down");
            try
            {
                SessionChanged?.Invoke(session);
            }
            catch (Exception e)
            {
                FrrLog.LoopFailed(_logger, "session-event", e);
            }
        }
    }

    /// <summary>How FRR keys the neighbour: the address in canonical form, or the interface.</summary>
    private static string Key(Contracts.BgpPeerConfig peer) =>
        peer.Address is { } a && IPAddress.TryParse(a, out var ip) ? ip.ToString() : peer.Address ?? peer.Interface ?? "";

    /// <summary>MetalLB's <c>peer</c> label: <c>address:port</c>, IPv6 in brackets.</summary>
    private static string Endpoint(Contracts.BgpPeerConfig peer) =>
        peer.Address is { } a && IPAddress.TryParse(a, out var ip)
            ? new IPEndPoint(ip, peer.Port).ToString()
            : $"{peer.Address ?? peer.Interface}:{peer.Port}";
}
