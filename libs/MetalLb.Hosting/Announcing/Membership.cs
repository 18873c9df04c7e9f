using MetalLb.Contracts;

namespace MetalLb.Hosting.Announcing;

/// <summary>
/// Who is alive, from heartbeats over the broker: a node is live while its last heartbeat is younger than
/// <c>interval × misses</c>, and gone at once when it says goodbye. This node is always live; whether it can announce
/// on a link is its own interfaces' state. While frozen (this node lost the broker, so silence proves nothing) no one
/// expires: a node cut off from the broker keeps its view rather than declare everyone dead and answer for every IP.
/// The same holds without an explicit freeze: a node hears its own heartbeats back through the broker, and time for
/// judging its peers stands still (one interval after its last echo) while its own do not come back, because then
/// their silence proves nothing. Thread-safe.
/// </summary>
public sealed class Membership(string self, TimeProvider timeProvider, TimeSpan interval, int misses)
{
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeSpan _deadAfter = interval * misses;
    private IReadOnlySet<string> _ownInterfaces = new HashSet<string>(StringComparer.Ordinal);
    private DateTimeOffset? _frozenAt;
    private DateTimeOffset? _lastOwnEcho;
    private DateTimeOffset? _firstOwnEcho;
    private string _lastView = "";

    public string Self => self;

    public bool IsFrozen
    {
        get
        {
            lock (_lock)
            {
                return _frozenAt is not null;
            }
        }
    }

    /// <summary>
    /// True once this node has heard its own heartbeat back and listened on for a full dead-after window: only then has it
    /// heard every live peer, so only then may it elect (a node that elected at once would claim IPs its peers hold).
    /// </summary>
    public bool IsWarm
    {
        get
        {
            lock (_lock)
            {
                return Warm();
            }
        }
    }

    /// <summary>This node's usable interfaces, as its heartbeats report them.</summary>
    public IReadOnlyList<string> OwnInterfaces
    {
        get
        {
            lock (_lock)
            {
                return [.. _ownInterfaces.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The nodes live now, this one included, in name order.</summary>
    public IReadOnlyList<string> Live
    {
        get
        {
            lock (_lock)
            {
                var now = Now();
                return [.. _members.Where(m => IsLive(m.Value, now)).Select(m => m.Key).Append(self).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Takes a heartbeat; true when it changes the view (a node came, went or its interfaces changed).</summary>
    public bool Observe(AnnouncerHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        lock (_lock)
        {
            if (heartbeat.Node == self)
            {
                _lastOwnEcho = timeProvider.GetUtcNow();
                _firstOwnEcho ??= _lastOwnEcho;
                return ViewChanged();
            }

            _members[heartbeat.Node] = new Member(
                timeProvider.GetUtcNow(), heartbeat.Goodbye, heartbeat.Interfaces?.ToHashSet(StringComparer.Ordinal), heartbeat.Warm);
            return ViewChanged();
        }
    }

    /// <summary>Sets this node's usable interfaces; true when they changed.</summary>
    public bool SetOwnInterfaces(IEnumerable<string> interfaces)
    {
        var next = interfaces.ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            if (next.SetEquals(_ownInterfaces))
            {
                return false;
            }

            _ownInterfaces = next;
            return ViewChanged();
        }
    }

    /// <summary>Re-judges who is live as time passes; true when someone expired since the last call that changed the view.</summary>
    public bool Expire()
    {
        lock (_lock)
        {
            return ViewChanged();
        }
    }

    /// <summary>Stops expiring anyone (this node's broker connection is down).</summary>
    public void Freeze()
    {
        lock (_lock)
        {
            _frozenAt ??= timeProvider.GetUtcNow();
        }
    }

    /// <summary>
    /// Resumes after a freeze. Everyone live when the freeze began gets a fresh grace period: their heartbeats could
    /// not reach this node, which is no sign they died.
    /// </summary>
    public void Thaw()
    {
        lock (_lock)
        {
            if (_frozenAt is not { } frozenAt)
            {
                return;
            }

            var now = timeProvider.GetUtcNow();
            foreach (var (name, member) in _members.ToArray())
            {
                if (IsLive(member, frozenAt))
                {
                    _members[name] = member with { LastSeen = now };
                }
            }

            _frozenAt = null;
        }
    }

    /// <summary>
    /// Whether a candidate can announce: it is live and warm (a peer still learning who is alive is passed over until
    /// it is ready to take over, so its arrival opens no gap), and it has a usable interface among the candidate's
    /// (any, when the advertisement does not restrict interfaces). A node that never said which interfaces it has is taken to have them.
    /// </summary>
    public bool CanAnnounce(L2Candidate candidate) => StateOf(candidate) == CandidateState.Ready;

    /// <summary>
    /// A candidate's standing: <see cref="CandidateState.Warming"/> for a live node (this one included) still learning
    /// who is alive, else <see cref="CandidateState.Ready"/> when it can announce (see <see cref="CanAnnounce"/>).
    /// </summary>
    public CandidateState StateOf(L2Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        lock (_lock)
        {
            if (candidate.Node == self && !Warm())
            {
                return CandidateState.Warming;
            }

            if (candidate.Node != self && _members.TryGetValue(candidate.Node, out var peer) && IsLive(peer, Now()) && !peer.Warm)
            {
                return CandidateState.Warming;
            }

            if (!Warm())
            {
                return CandidateState.Unavailable;
            }

            IReadOnlySet<string>? interfaces;
            if (candidate.Node == self)
            {
                interfaces = _ownInterfaces;
            }
            else if (_members.TryGetValue(candidate.Node, out var member) && IsLive(member, Now()))
            {
                interfaces = member.Interfaces;
            }
            else
            {
                return CandidateState.Unavailable;
            }

            var usable = interfaces is null
                || (candidate.Interfaces.Count == 0 ? interfaces.Count > 0 : candidate.Interfaces.Any(interfaces.Contains));
            return usable ? CandidateState.Ready : CandidateState.Unavailable;
        }
    }

    private DateTimeOffset Now()
    {
        if (_frozenAt is { } frozenAt)
        {
            return frozenAt;
        }

        var now = timeProvider.GetUtcNow();
        return _lastOwnEcho is { } echo && now > echo + interval * 1.5 ? echo + interval * 1.5 : now;
    }

    /// <summary>Counted from the first echo: before it, this node's queue may not have been receiving anyone's heartbeats.</summary>
    private bool Warm() => _firstOwnEcho is { } first && timeProvider.GetUtcNow() - first >= _deadAfter;

    private bool IsLive(Member member, DateTimeOffset now) => !member.Gone && now - member.LastSeen <= _deadAfter;

    private bool ViewChanged()
    {
        var now = Now();
        var view = string.Join(";", _members.Where(m => IsLive(m.Value, now)).OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => $"{m.Key}{(m.Value.Warm ? "" : "~")}={string.Join(",", (m.Value.Interfaces ?? new HashSet<string>()).Order(StringComparer.Ordinal))}"))
            + "|" + string.Join(",", _ownInterfaces.Order(StringComparer.Ordinal)) + (Warm() ? "|warm" : "");
        if (view == _lastView)
        {
            return false;
        }

        _lastView = view;
        return true;
    }

    private sealed record Member(DateTimeOffset LastSeen, bool Gone, IReadOnlySet<string>? Interfaces, bool Warm);
}
