using System.Diagnostics;
using MetalLb.Contracts;
using MetalLb.Hosting.Plans;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetalLb.Hosting.Announcing;

/// <summary>
/// One node's announcer: keeps the plans in a <see cref="PlanBook"/>, and after every change brings the data plane to
/// what <see cref="NodeAnnouncements"/> says this node should announce, touching only what differs.
/// Returns the statuses that changed, for the caller to report. Thread-safe: changes are applied one at a time.
/// </summary>
/// <remarks>
/// Level-triggered: the data plane follows the book, not the messages, so a replayed, duplicated or reordered message
/// changes nothing the book does not. A data-plane call that fails is left undone and tried again on the next change.
/// </remarks>
public sealed partial class AnnouncerAgent(string node, IAnnouncementDataPlane dataPlane, Func<L2Candidate, CandidateState>? state = null, ILogger? logger = null)
    : IDisposable
{
    /// <summary>An agent whose candidates are either ready or unavailable (the lab's simulated nodes, tests).</summary>
    public AnnouncerAgent(string node, IAnnouncementDataPlane dataPlane, Func<L2Candidate, bool> canAnnounce, ILogger? logger = null)
        : this(node, dataPlane, c => canAnnounce(c) ? CandidateState.Ready : CandidateState.Unavailable, logger)
    {
    }

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Func<L2Candidate, CandidateState> _state = state ?? (_ => CandidateState.Ready);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Dictionary<string, L2Claim> _claims = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), RouteAdvertisement> _routes = [];
    private readonly Dictionary<(string, string), AnnouncementStatus> _reported = [];
    private readonly Dictionary<string, string> _winners = new(StringComparer.Ordinal);
    private long _failovers;
    private long _electionChanges;
    private PlanDigest _applied = PlanDigests.Compute([]);
    private bool _hasRetries;
    private bool _stopped;

    /// <summary>Raised after every convergence; the lab waits on it.</summary>
    public event Action<AnnouncerAgent>? Converged;

    /// <summary>Raised when a digest shows the book missed messages; whoever owns the bus asks for a snapshot.</summary>
    public event Action<AnnouncerAgent>? ResyncRequested;

    public string Node => node;

    public PlanBook Book { get; } = new();

    /// <summary>The digest of the book as of the last convergence: what the data plane reflects.</summary>
    public PlanDigest AppliedDigest => Volatile.Read(ref _applied);

    /// <summary>The statuses last reported, one per Service and protocol this node has a part in.</summary>
    public IReadOnlyList<AnnouncementStatus> Reported
    {
        get
        {
            lock (_claims)
            {
                return [.. _reported.Values];
            }
        }
    }

    /// <summary>The IPs this node answers for now, by IP.</summary>
    public IReadOnlyList<L2Claim> Claims
    {
        get
        {
            lock (_claims)
            {
                return [.. _claims.Values.OrderBy(c => c.Ip, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The routes this node advertises now, by prefix and peer.</summary>
    public IReadOnlyList<RouteAdvertisement> Routes
    {
        get
        {
            lock (_claims)
            {
                return [.. _routes.Values.OrderBy(r => r.Prefix, StringComparer.Ordinal).ThenBy(r => r.Peer, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// Times this node took over an IP another node had won before, as this node saw the elections (the IP's last
    /// winner, a gap without one in between ignored).
    /// </summary>
    public long L2Failovers => Interlocked.Read(ref _failovers);

    /// <summary>Times the L2 winner of an IP this node is a candidate for changed from one node to another, as this node saw it.</summary>
    public long L2ElectionChanges => Interlocked.Read(ref _electionChanges);

    public void Dispose() => _gate.Dispose();

    public Task<IReadOnlyList<AnnouncementStatus>> ApplyAsync(AnnouncementPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ChangeAsync(() => Book.Apply(plan), plan.ServiceKey, plan.Generation, cancellationToken);
    }

    public Task<IReadOnlyList<AnnouncementStatus>> ApplyAsync(AnnouncementWithdrawn withdrawn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(withdrawn);
        return ChangeAsync(() => Book.Apply(withdrawn), withdrawn.ServiceKey, withdrawn.Generation, cancellationToken);
    }

    /// <summary>Makes the book the snapshot's picture (see <see cref="PlanBook.Replace"/>) and converges.</summary>
    public Task<IReadOnlyList<AnnouncementStatus>> ReplaceAsync(AnnouncementSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ChangeAsync(() => { Book.Replace(snapshot); return true; }, null, snapshot.Digest.HighestGeneration, cancellationToken);
    }

    /// <summary>Converges again without a new plan: the set of live nodes changed, or a data-plane call failed before.</summary>
    public Task<IReadOnlyList<AnnouncementStatus>> ConvergeAsync(CancellationToken cancellationToken = default) =>
        ChangeAsync(() => true, null, 0, cancellationToken);

    /// <summary>
    /// Stops announcing everything (a graceful shutdown: answer no more before saying goodbye, so the next node never
    /// overlaps with this one); later changes are not applied. Returns the statuses that changed.
    /// </summary>
    public async Task<IReadOnlyList<AnnouncementStatus>> StopAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stopped = true;
            var nothing = new NodeAnnouncements(
                new Dictionary<string, L2Claim>(StringComparer.Ordinal),
                new Dictionary<(string, string), RouteAdvertisement>(),
                new Dictionary<(string, string), AnnouncementStatus>());
            await ApplyDesiredAsync(nothing, cancellationToken).ConfigureAwait(false);
            return ChangedStatuses(nothing);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Compares the allocator's digest with the book; on a difference raises <see cref="ResyncRequested"/>.</summary>
    public bool CheckDigest(PlanDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (!Book.NeedsResync(digest))
        {
            return false;
        }

        LogResync(_logger, node, digest.Count, digest.Hash);
        ResyncRequested?.Invoke(this);
        return true;
    }

    private async Task<IReadOnlyList<AnnouncementStatus>> ChangeAsync(
        Func<bool> change, string? serviceKey, long generation, CancellationToken cancellationToken)
    {
        using var activity = AnnouncerTelemetry.Source.StartActivity(serviceKey is null ? "announcer converge" : $"announce {serviceKey}");
        activity?.SetTag(AnnouncerTelemetry.NodeTag, node);
        activity?.SetTag(AnnouncerTelemetry.ServiceTag, serviceKey);
        activity?.SetTag(AnnouncerTelemetry.GenerationTag, generation);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if ((!change() && !_hasRetries) || _stopped)
            {
                activity?.SetTag("announcer.stale", true);
                return [];
            }

            var desired = NodeAnnouncements.Compute(node, Book.Plans, _state, _claims.Keys.ToHashSet(StringComparer.Ordinal));
            if (!dataPlane.CanAdvertiseRoutes)
            {
                desired = desired with { Routes = new Dictionary<(string, string), RouteAdvertisement>() };
            }

            CountElections(desired.L2Winners);

            var (sent, failures) = await ApplyDesiredAsync(desired, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(AnnouncerTelemetry.ClaimsTag, sent.Arp + sent.Ndp);
            activity?.SetTag(AnnouncerTelemetry.ArpTag, sent.Arp);
            activity?.SetTag(AnnouncerTelemetry.NdpTag, sent.Ndp);
            activity?.SetTag(AnnouncerTelemetry.UpdatesTag, sent.Updates);
            activity?.SetTag(AnnouncerTelemetry.PeersTag, sent.Peers.Order(StringComparer.Ordinal).ToArray());
            if (serviceKey is not null)
            {
                activity?.SetTag(AnnouncerTelemetry.ElectedTag, desired.Statuses.TryGetValue((serviceKey, NodeAnnouncements.Layer2), out var l2) && l2.Announcing);
            }

            if (failures > 0)
            {
                activity?.SetStatus(ActivityStatusCode.Error, $"{failures} data-plane operations failed");
            }

            Volatile.Write(ref _applied, Book.Digest());
            return ChangedStatuses(desired);
        }
        finally
        {
            _gate.Release();
            Converged?.Invoke(this);
        }
    }

    private async Task<(SentAnnouncements Sent, int Failures)> ApplyDesiredAsync(NodeAnnouncements desired, CancellationToken cancellationToken)
    {
        var sent = new SentAnnouncements();
        var failures = 0;
        foreach (var claim in _claims.Values.Where(c => !desired.Claims.TryGetValue(c.Ip, out var d) || !d.Equals(c)).ToArray())
        {
            if (await TryAsync(() => dataPlane.ReleaseAsync(claim, cancellationToken), "release", claim.Ip).ConfigureAwait(false))
            {
                lock (_claims)
                {
                    _claims.Remove(claim.Ip);
                }
            }
            else
            {
                failures++;
            }
        }

        foreach (var route in _routes.Where(r => !desired.Routes.ContainsKey(r.Key)).ToArray())
        {
            if (await TryAsync(() => dataPlane.WithdrawAsync(route.Value, cancellationToken), "withdraw", route.Key.Item1).ConfigureAwait(false))
            {
                lock (_claims)
                {
                    _routes.Remove(route.Key);
                }

                sent.Update(route.Value.Peer);
            }
            else
            {
                failures++;
            }
        }

        foreach (var claim in desired.Claims.Values.Where(c => !_claims.ContainsKey(c.Ip)))
        {
            if (await TryAsync(() => dataPlane.ClaimAsync(claim, cancellationToken), "claim", claim.Ip).ConfigureAwait(false))
            {
                lock (_claims)
                {
                    _claims[claim.Ip] = claim;
                }

                sent.Claim(claim);
            }
            else
            {
                failures++;
            }
        }

        foreach (var (key, route) in desired.Routes.Where(r => !_routes.TryGetValue(r.Key, out var known) || !known.Equals(r.Value)))
        {
            if (await TryAsync(() => dataPlane.AdvertiseAsync(route, cancellationToken), "advertise", route.Prefix).ConfigureAwait(false))
            {
                lock (_claims)
                {
                    _routes[key] = route;
                }

                sent.Update(route.Peer);
            }
            else
            {
                failures++;
            }
        }

        _hasRetries = failures > 0;
        return (sent, failures);
    }

    /// <summary>Compares each IP's winner with the last one seen; IPs this node is no longer a candidate for are forgotten.</summary>
    private void CountElections(IReadOnlyDictionary<string, string?> winners)
    {
        foreach (var (ip, winner) in winners)
        {
            if (winner is null)
            {
                continue;
            }

            if (_winners.TryGetValue(ip, out var last) && last != winner)
            {
                Interlocked.Increment(ref _electionChanges);
                if (winner == node)
                {
                    Interlocked.Increment(ref _failovers);
                }
            }

            _winners[ip] = winner;
        }

        foreach (var ip in _winners.Keys.Where(ip => !winners.ContainsKey(ip)).ToArray())
        {
            _winners.Remove(ip);
        }
    }

    private async Task<bool> TryAsync(Func<Task> operation, string what, string target)
    {
        try
        {
            await operation().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDataPlaneFailed(_logger, ex, node, what, target);
            return false;
        }
    }

    /// <summary>Statuses that differ from what was last reported; a Service no longer planned here reports not announcing.</summary>
    /// <summary>
    /// What this node really does, which is what it reports: an election won whose claims the data plane refused, or
    /// routes it cannot advertise, is not announcing.
    /// </summary>
    private AnnouncementStatus Actual(AnnouncementStatus status)
    {
        if (!status.Announcing)
        {
            return status;
        }

        if (status.Protocol == NodeAnnouncements.Bgp && !dataPlane.CanAdvertiseRoutes)
        {
            return status with { Announcing = false, Reason = "this announcer has no BGP speaker" };
        }

        var plan = Book.Find(status.ServiceKey);
        var done = status.Protocol == NodeAnnouncements.Layer2
            ? (plan?.Ips ?? []).All(_claims.ContainsKey)
            : (plan?.Bgp.FirstOrDefault(b => b.Node == node)?.Routes ?? [])
                .All(r => r.Peers.All(peer => _routes.ContainsKey((r.Prefix, peer))));
        return done ? status : status with { Announcing = false, Reason = "the data plane refused it; retried on the next change" };
    }

    private List<AnnouncementStatus> ChangedStatuses(NodeAnnouncements desired)
    {
        var changed = new List<AnnouncementStatus>();
        foreach (var (key, wanted) in desired.Statuses)
        {
            var status = Actual(wanted);
            if (!_reported.TryGetValue(key, out var last) || !SameStatus(last, status))
            {
                lock (_claims)
                {
                    _reported[key] = status;
                }

                changed.Add(status);
            }
        }

        foreach (var (key, last) in _reported.Where(r => !desired.Statuses.ContainsKey(r.Key)).ToArray())
        {
            lock (_claims)
            {
                _reported.Remove(key);
            }

            var generation = Math.Max(last.Generation, Book.GenerationOf(key.Item1));
            changed.Add(last with { Generation = generation, Announcing = false, Interfaces = [], Peers = [], Reason = "withdrawn" });
        }

        return changed;
    }

    private static bool SameStatus(AnnouncementStatus a, AnnouncementStatus b) =>
        a.Generation == b.Generation && a.Announcing == b.Announcing && a.Reason == b.Reason
        && a.Interfaces.SequenceEqual(b.Interfaces, StringComparer.Ordinal) && a.Peers.SequenceEqual(b.Peers, StringComparer.Ordinal);

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "{Node}: the allocator's digest ({Count} plans, {Hash}) differs from the book; asking for a snapshot")]
    private static partial void LogResync(ILogger logger, string node, int count, string hash);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "{Node}: {Operation} {Target} failed; retried on the next change")]
    private static partial void LogDataPlaneFailed(ILogger logger, Exception exception, string node, string operation, string target);
}
