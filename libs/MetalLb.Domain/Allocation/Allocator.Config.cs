using MetalLb.Domain.Model;

namespace MetalLb.Domain.Allocation;

public sealed partial class Allocator
{
    /// <summary>Replaces the pool set and reconciles existing allocations with it (MetalLB's <c>SetPools</c>, METALLB-SPEC §3.6).</summary>
    /// <remarks>
    /// <para>
    /// Only allocations of pools whose addresses changed (entries, their order, or avoidBuggyIPs) or that were
    /// deleted are re-examined: kept when a pool of the same name still holds their IPs, re-recorded under the new
    /// name when another pool does (renamed or split), dropped otherwise. Allocations of pools whose
    /// serviceAllocation changed (or whose namespaceSelectors see changed namespace labels) are re-checked for
    /// compatibility and dropped when refused, which MetalLB does on its next reprocess. Every other allocation
    /// and pool index is left untouched.
    /// </para>
    /// <para>
    /// Deleting the last pool drops every allocation, as MetalLB does (QUIRK 9, kept because it is what the
    /// configuration says); the change lists each one so the caller can report it.
    /// </para>
    /// </remarks>
    public ConfigChange SetConfig(
        MetalLbConfig config, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> namespaceLabels)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(namespaceLabels);
        var previous = _pools;
        var labelsChanged = !SameNamespaceLabels(_namespaceLabels, namespaceLabels);
        var states = new List<PoolState>();
        var recheck = new HashSet<PoolState>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in config.Pools)
        {
            if (!names.Add(pool.Name))
            {
                continue;
            }

            if (previous.ByName.TryGetValue(pool.Name, out var kept) && SameAddresses(kept.Pool, pool))
            {
                if (!SameAllocation(kept.Pool.Allocation, pool.Allocation)
                    || (labelsChanged && pool.Allocation is { NamespaceSelectors.Count: > 0 }))
                {
                    recheck.Add(kept);
                }

                kept.Pool = pool;
                states.Add(kept);
            }
            else
            {
                var rebuilt = new PoolState(pool);
                recheck.Add(rebuilt);
                states.Add(rebuilt);
            }
        }

        var reused = states.ToHashSet();
        var moved = previous.All
            .Where(p => !reused.Contains(p))
            .SelectMany(p => p.Services)
            .Order(StringComparer.Ordinal)
            .Select(key => _assignments[key])
            .ToArray();
        foreach (var assignment in moved)
        {
            Unassign(assignment.Key);
        }

        _pools = new PoolDirectory(states);
        _namespaceLabels = namespaceLabels;

        var dropped = new List<DroppedAllocation>();
        var renamed = new Dictionary<string, RenamedAllocation>(StringComparer.Ordinal);
        var reprocess = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var assignment in moved)
        {
            reprocess.Add(assignment.Key);
            var pool = PoolFor(assignment.Ips, out var detail);
            if (pool is null)
            {
                dropped.Add(Explain(assignment, detail));
                continue;
            }

            Record(assignment with { Pool = pool });
            if (pool.Name != assignment.Pool.Name)
            {
                renamed[assignment.Key] = new RenamedAllocation(assignment.Key, assignment.Ips, assignment.Pool.Name, pool.Name);
            }
        }

        foreach (var pool in _pools.All.Where(recheck.Contains))
        {
            foreach (var key in pool.Services.Order(StringComparer.Ordinal).ToArray())
            {
                var assignment = _assignments[key];
                var reason = IncompatibilityReason(pool.Pool, assignment.Namespace, assignment.Labels);
                if (reason is null)
                {
                    continue;
                }

                Unassign(key);
                renamed.Remove(key);
                reprocess.Add(key);
                dropped.Add(new DroppedAllocation(
                    key, assignment.Ips, pool.Name, DropReason.PoolIncompatible, $"pool {pool.Name} no longer admits {key}: {reason}"));
            }
        }

        reprocess.UnionWith(_pending);
        return new ConfigChange(
            dropped.OrderBy(d => d.ServiceKey, StringComparer.Ordinal).ToArray(),
            renamed.Values.OrderBy(r => r.ServiceKey, StringComparer.Ordinal).ToArray(),
            reprocess.ToArray());
    }

    private DroppedAllocation Explain(Assignment assignment, string detail)
    {
        var name = assignment.Pool.Name;
        var ips = assignment.Ips;
        if (!_pools.ByName.TryGetValue(name, out var pool))
        {
            return Drop(DropReason.PoolDeleted, $"pool \"{name}\" was deleted and no pool holds {AllocationMessages.List(ips)}{detail}");
        }

        var outside = ips.Where(ip => pool.EntryFor(ip) is null).ToArray();
        var buggy = outside.FirstOrDefault(ip => pool.Entries.Any(e => e.SkipsBuggy && e.Entry.Range.Contains(ip)));
        if (buggy != default)
        {
            return Drop(DropReason.AvoidBuggyIPs, $"pool \"{name}\" now has avoidBuggyIPs and {buggy} ends in .0 or .255");
        }

        if (ips.Count == 2 && outside.Length == 1 && !pool.HasFamily(outside[0].Family))
        {
            return Drop(
                DropReason.FamilyRemoved,
                $"pool \"{name}\" no longer has {AllocationMessages.Name(outside[0].Family)} addresses, so {assignment.Key} loses both {AllocationMessages.List(ips)}");
        }

        return Drop(DropReason.AddressesRemoved, $"{AllocationMessages.List(ips)} no longer fit in pool \"{name}\"{detail}");

        DroppedAllocation Drop(DropReason reason, string message) => new(assignment.Key, ips, name, reason, message);
    }

    private static bool SameAddresses(Pool a, Pool b) =>
        a.AvoidBuggyIPs == b.AvoidBuggyIPs && a.Entries.Select(e => e.Range).SequenceEqual(b.Entries.Select(e => e.Range));

    private static bool SameAllocation(PoolAllocation? a, PoolAllocation? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return a.Priority == b.Priority
            && a.Namespaces.SetEquals(b.Namespaces)
            && a.NamespaceSelectors.Select(s => s.ToString()).SequenceEqual(b.NamespaceSelectors.Select(s => s.ToString()))
            && a.ServiceSelectors.Select(s => s.ToString()).SequenceEqual(b.ServiceSelectors.Select(s => s.ToString()));
    }

    private static bool SameNamespaceLabels(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> a,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (ns, labels) in a)
        {
            if (!b.TryGetValue(ns, out var other) || labels.Count != other.Count
                || labels.Any(l => !other.TryGetValue(l.Key, out var v) || v != l.Value))
            {
                return false;
            }
        }

        return true;
    }
}
