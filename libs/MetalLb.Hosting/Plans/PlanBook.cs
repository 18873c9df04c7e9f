using MetalLb.Contracts;

namespace MetalLb.Hosting.Plans;

/// <summary>
/// An announcer's level-triggered picture of every Service's plan: the highest generation wins, so replayed,
/// duplicated or reordered messages cannot leave it wrong. Thread-safe.
/// </summary>
/// <remarks>
/// A withdrawal is remembered as a tombstone at its generation, so an older plan that arrives late cannot bring
/// the Service back. At equal generations a withdrawal beats a plan, which makes the outcome independent of order.
/// </remarks>
public sealed class PlanBook
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How many Services have a plan.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Values.Count(e => e.Plan is not null);
            }
        }
    }

    /// <summary>The current plans, sorted by service key.</summary>
    public IReadOnlyList<AnnouncementPlan> Plans
    {
        get
        {
            lock (_lock)
            {
                return LivePlans().OrderBy(p => p.ServiceKey, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>The plan of <paramref name="serviceKey"/>, or null when it has none.</summary>
    public AnnouncementPlan? Find(string serviceKey)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(serviceKey, out var entry) ? entry.Plan : null;
        }
    }

    /// <summary>The generation the book knows for <paramref name="serviceKey"/> (a withdrawal's included); 0 when none.</summary>
    public long GenerationOf(string serviceKey)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(serviceKey, out var entry) ? entry.Generation : 0;
        }
    }

    /// <summary>Applies a plan unless the book already knows that generation or a newer one; true when it changed.</summary>
    public bool Apply(AnnouncementPlan plan)
    {
        if (plan.Deleted)
        {
            return Apply(new AnnouncementWithdrawn(plan.ServiceKey, plan.Generation));
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(plan.ServiceKey, out var known) && plan.Generation <= known.Generation)
            {
                return false;
            }

            _entries[plan.ServiceKey] = new Entry(plan.Generation, plan);
            return true;
        }
    }

    /// <summary>Applies a withdrawal unless the book knows a newer generation; true when it changed.</summary>
    public bool Apply(AnnouncementWithdrawn withdrawn)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(withdrawn.ServiceKey, out var known)
                && (withdrawn.Generation < known.Generation || (withdrawn.Generation == known.Generation && known.Plan is null)))
            {
                return false;
            }

            _entries[withdrawn.ServiceKey] = new Entry(withdrawn.Generation, null);
            return true;
        }
    }

    /// <summary>
    /// Makes the book the snapshot's picture. The snapshot is the allocator's truth for what it contains, but an
    /// entry the book already knows at a newer generation (a message that overtook the snapshot) is kept, and a
    /// plan the snapshot no longer has becomes a tombstone, so a late replay cannot revive it.
    /// </summary>
    public void Replace(AnnouncementSnapshot snapshot)
    {
        lock (_lock)
        {
            var next = new Dictionary<string, Entry>(StringComparer.Ordinal);
            foreach (var plan in snapshot.Plans)
            {
                var fresh = plan.Deleted ? new Entry(plan.Generation, null) : new Entry(plan.Generation, plan);
                next[plan.ServiceKey] = _entries.TryGetValue(plan.ServiceKey, out var known) && known.Generation > plan.Generation
                    ? known
                    : fresh;
            }

            foreach (var (key, known) in _entries)
            {
                if (!next.ContainsKey(key))
                {
                    next[key] = known with { Plan = null };
                }
            }

            _entries.Clear();
            foreach (var (key, entry) in next)
            {
                _entries[key] = entry;
            }
        }
    }

    /// <summary>The digest of the current plans, comparable with the allocator's <see cref="PlanDigest"/>.</summary>
    public PlanDigest Digest()
    {
        lock (_lock)
        {
            return PlanDigests.Compute(LivePlans());
        }
    }

    /// <summary>True when the allocator's digest differs from the book's: the announcer should ask for a snapshot.</summary>
    public bool NeedsResync(PlanDigest allocator)
    {
        var mine = Digest();
        return mine.Count != allocator.Count || !string.Equals(mine.Hash, allocator.Hash, StringComparison.Ordinal);
    }

    private IEnumerable<AnnouncementPlan> LivePlans() =>
        _entries.Values.Where(e => e.Plan is not null).Select(e => e.Plan!);

    private sealed record Entry(long Generation, AnnouncementPlan? Plan);
}
