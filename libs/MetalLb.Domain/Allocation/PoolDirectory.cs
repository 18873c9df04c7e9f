using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

/// <summary>The configured pools: by name, in automatic-assignment order, and by address.</summary>
/// <remarks>
/// MetalLB iterates a Go map for fallback pools and sorts equal priorities unstably, so its choice among them is
/// random (QUIRK 6). Here both orders are deterministic: pinned pools by positive priority ascending, then every
/// other priority (0, unset or negative) as one group, with ties broken by pool name (ordinal); fallback pools by
/// name (ordinal). Address lookup is a binary search over the entries sorted by start; the validator rejects
/// overlapping pools, but should they occur the lookup falls back to a scan in pool-name order.
/// </remarks>
internal sealed class PoolDirectory
{
    private readonly Slot[] _slots;
    private readonly bool _overlapping;

    public PoolDirectory(IEnumerable<PoolState> pools)
    {
        var ordered = pools.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        ByName = ordered.ToDictionary(p => p.Name, StringComparer.Ordinal);
        All = ordered;
        Pinned = ordered
            .Where(p => p.Pool.AutoAssign && p.Pool.Allocation is not null)
            .OrderBy(p => p.Pool.Allocation!.Priority > 0 ? 0 : 1)
            .ThenBy(p => p.Pool.Allocation!.Priority > 0 ? p.Pool.Allocation.Priority : 0)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();
        Fallback = ordered.Where(p => p.Pool.AutoAssign && p.Pool.Allocation is null).ToArray();
        _slots = ordered
            .SelectMany(p => p.Entries.Select(e => new Slot(e.Family, e.Entry.Range.Start.Value, e.Entry.Range.End.Value, p, e)))
            .OrderBy(s => s.Family)
            .ThenBy(s => s.Start)
            .ToArray();
        for (var i = 1; i < _slots.Length; i++)
        {
            if (_slots[i].Family == _slots[i - 1].Family && _slots[i].Start <= _slots[i - 1].End)
            {
                _overlapping = true;
            }
        }
    }

    public static PoolDirectory Empty { get; } = new([]);

    public IReadOnlyDictionary<string, PoolState> ByName { get; }

    /// <summary>All pools in name order.</summary>
    public IReadOnlyList<PoolState> All { get; }

    /// <summary>Pools with a serviceAllocation and autoAssign, in priority order (compatibility not yet applied).</summary>
    public IReadOnlyList<PoolState> Pinned { get; }

    /// <summary>Pools with autoAssign and no serviceAllocation at all, in name order.</summary>
    public IReadOnlyList<PoolState> Fallback { get; }

    public bool IsEmpty => ByName.Count == 0;

    /// <summary>The pool and entry that can hand out <paramref name="address"/> (avoidBuggyIPs honoured), if any.</summary>
    public (PoolState Pool, EntryIndex Entry)? Find(IpAddress address)
    {
        if (_overlapping)
        {
            foreach (var pool in All)
            {
                if (pool.EntryFor(address) is { } entry)
                {
                    return (pool, entry);
                }
            }

            return null;
        }

        var lo = 0;
        var hi = _slots.Length - 1;
        var found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var slot = _slots[mid];
            var order = slot.Family != address.Family ? slot.Family.CompareTo(address.Family) : slot.Start.CompareTo(address.Value);
            if (order <= 0)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (found < 0)
        {
            return null;
        }

        var match = _slots[found];
        return match.Family == address.Family && match.Entry.Covers(address) ? (match.Pool, match.Entry) : null;
    }

    private readonly record struct Slot(IpFamily Family, UInt128 Start, UInt128 End, PoolState Pool, EntryIndex Entry);
}
