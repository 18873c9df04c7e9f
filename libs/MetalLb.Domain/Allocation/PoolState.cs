using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

/// <summary>The allocator's live view of one pool: per-entry used addresses, sharing groups and counters.</summary>
internal sealed class PoolState
{
    private readonly Dictionary<(IpFamily Family, string Sharing, string Backend), SharingGroup> _groups = [];

    public PoolState(Pool pool)
    {
        Pool = pool;
        Entries = pool.Entries.Select(e => new EntryIndex(e, pool.AvoidBuggyIPs)).ToArray();
    }

    /// <summary>The pool definition; replaced in place when only non-addressing fields change.</summary>
    public Pool Pool { get; set; }

    public string Name => Pool.Name;

    /// <summary>One index per <c>spec.addresses</c> entry, in configured order (MetalLB's walk order).</summary>
    public IReadOnlyList<EntryIndex> Entries { get; }

    /// <summary>Keys of the Services whose allocation is recorded in this pool.</summary>
    public HashSet<string> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct IPv4 addresses in use (a shared IP counts once).</summary>
    public int AssignedV4 { get; private set; }

    /// <summary>Distinct IPv6 addresses in use (a shared IP counts once).</summary>
    public int AssignedV6 { get; private set; }

    /// <summary>Total runs of used addresses over all entries: the memory the pool costs.</summary>
    public int IntervalCount => Entries.Sum(e => e.Used.IntervalCount);

    public bool HasFamily(IpFamily family) => Entries.Any(e => e.Family == family && !e.IsEmpty);

    /// <summary>The entry that can hand out <paramref name="address"/>, honouring avoidBuggyIPs.</summary>
    public EntryIndex? EntryFor(IpAddress address)
    {
        foreach (var entry in Entries)
        {
            if (entry.Covers(address))
            {
                return entry;
            }
        }

        return null;
    }

    public void CountIp(IpFamily family, int delta)
    {
        if (family == IpFamily.V4)
        {
            AssignedV4 += delta;
        }
        else
        {
            AssignedV6 += delta;
        }
    }

    public SharingGroup? FindGroup(IpFamily family, string sharingKey, string backendKey) =>
        _groups.GetValueOrDefault((family, sharingKey, backendKey));

    public SharingGroup GetOrAddGroup(IpFamily family, string sharingKey, string backendKey)
    {
        var key = (family, sharingKey, backendKey);
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new SharingGroup();
            _groups[key] = group;
        }

        return group;
    }

    public void RemoveGroupIfEmpty(IpFamily family, string sharingKey, string backendKey)
    {
        var key = (family, sharingKey, backendKey);
        if (_groups.TryGetValue(key, out var group) && group.Count == 0)
        {
            _groups.Remove(key);
        }
    }
}
