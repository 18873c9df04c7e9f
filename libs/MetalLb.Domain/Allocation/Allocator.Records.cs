using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

public sealed partial class Allocator
{
    /// <summary>MetalLB's <c>Assign</c> checks (METALLB-SPEC §3.4) without recording anything.</summary>
    /// <returns>Null when <paramref name="ips"/> may be recorded for the Service in <paramref name="pool"/>.</returns>
    private string? ValidateAssign(ServiceRequest request, IReadOnlyList<IpAddress> ips, out PoolState? pool)
    {
        pool = PoolFor(ips, out var detail);
        if (pool is null)
        {
            return $"{AllocationMessages.Quoted(ips)} is not allowed in config{detail}";
        }

        var incompatible = IncompatibilityReason(pool.Pool, request.Namespace, request.Labels);
        if (incompatible is not null)
        {
            var name = pool.Name;
            pool = null;
            return $"pool {name} not compatible for ip assignment: {incompatible}";
        }

        if (ips.Count > 2 || (ips.Count == 2 && ips[0].Family == ips[1].Family))
        {
            pool = null;
            return $"{AllocationMessages.Quoted(ips)} must be at most one IPv4 and one IPv6 address";
        }

        foreach (var ip in ips)
        {
            var conflict = CheckSharing(request, ip);
            if (conflict is not null)
            {
                pool = null;
                return conflict;
            }
        }

        return null;
    }

    /// <summary>Validates and records; the Service's previous allocation is replaced only on success.</summary>
    private string? TryAssign(ServiceRequest request, IReadOnlyList<IpAddress> ips)
    {
        var error = ValidateAssign(request, ips, out var pool);
        if (error is null)
        {
            Record(new Assignment(
                request.Key, request.Namespace, request.Labels, pool!, ips.ToArray(), request.Ports, request.SharingKey, request.BackendKey));
        }

        return error;
    }

    /// <summary>The single pool holding every IP of <paramref name="ips"/> (avoidBuggyIPs honoured), as MetalLB's <c>poolFor</c>.</summary>
    private PoolState? PoolFor(IReadOnlyList<IpAddress> ips, out string detail)
    {
        detail = "";
        PoolState? pool = null;
        foreach (var ip in ips)
        {
            var hit = _pools.Find(ip);
            if (hit is null)
            {
                detail = ExplainOutside(ip);
                return null;
            }

            if (pool is not null && hit.Value.Pool != pool)
            {
                detail = $" ({ips[0]} is in pool \"{pool.Name}\", {ip} is in pool \"{hit.Value.Pool.Name}\")";
                return null;
            }

            pool = hit.Value.Pool;
        }

        return pool;
    }

    private string ExplainOutside(IpAddress ip)
    {
        foreach (var pool in _pools.All)
        {
            if (pool.Entries.Any(e => e.SkipsBuggy && e.Entry.Range.Contains(ip)))
            {
                return $" (pool \"{pool.Name}\" has avoidBuggyIPs and {ip} ends in .0 or .255)";
            }
        }

        return "";
    }

    /// <summary>Why <paramref name="pool"/>'s serviceAllocation refuses a Service, or null when it admits it.</summary>
    /// <remarks>
    /// MetalLB resolves namespaceSelectors to a namespace list when it loads the config, and treats an empty result
    /// as "no namespace restriction". Here a pool that lists namespaces or namespaceSelectors admits only Services in
    /// a listed namespace or one whose labels match a selector; a namespace with unknown labels matches no selector.
    /// </remarks>
    /// <summary>
    /// True when the pool's serviceAllocation admits the Service; the allocation-free form of
    /// <see cref="IncompatibilityReason"/> for the hot path that filters every pinned pool per Service.
    /// </summary>
    private bool Admits(Pool pool, string ns, IReadOnlyDictionary<string, string> labels)
    {
        var allocation = pool.Allocation;
        if (allocation is null)
        {
            return true;
        }

        if (allocation.Namespaces.Count > 0 || allocation.NamespaceSelectors.Count > 0)
        {
            if (!allocation.Namespaces.Contains(ns)
                && !(allocation.NamespaceSelectors.Count > 0 && _namespaceLabels.TryGetValue(ns, out var nsLabels) && Selector.AnyMatches(allocation.NamespaceSelectors, nsLabels)))
            {
                return false;
            }
        }

        return Selector.AnyMatches(allocation.ServiceSelectors, labels);
    }

    private string? IncompatibilityReason(Pool pool, string ns, IReadOnlyDictionary<string, string> labels)
    {
        if (Admits(pool, ns, labels))
        {
            return null;
        }

        var allocation = pool.Allocation;
        if (allocation is null)
        {
            return null;
        }

        if (allocation.Namespaces.Count > 0 || allocation.NamespaceSelectors.Count > 0)
        {
            var selected = allocation.Namespaces.Contains(ns)
                || (_namespaceLabels.TryGetValue(ns, out var nsLabels) && allocation.NamespaceSelectors.Any(s => s.Matches(nsLabels)));
            if (!selected)
            {
                return $"namespace \"{ns}\" is not in its namespaces or namespaceSelectors";
            }
        }

        if (allocation.ServiceSelectors.Count > 0 && !allocation.ServiceSelectors.Any(s => s.Matches(labels)))
        {
            return $"the service labels match none of its serviceSelectors ({string.Join("; ", allocation.ServiceSelectors)})";
        }

        return null;
    }

    /// <summary>Records an allocation known to be valid, replacing the Service's previous one.</summary>
    private void Record(Assignment assignment)
    {
        Unassign(assignment.Key);
        var pool = assignment.Pool;
        foreach (var ip in assignment.Ips)
        {
            if (!_ips.TryGetValue(ip, out var state))
            {
                var entry = pool.EntryFor(ip) ?? throw new InvalidOperationException($"{ip} is not in pool \"{pool.Name}\"");
                state = new IpState(ip, pool, entry, assignment.SharingKey, assignment.BackendKey);
                _ips[ip] = state;
                entry.Add(ip);
                pool.CountIp(ip.Family, 1);
                if (state.SharingKey.Length > 0)
                {
                    state.Group = pool.GetOrAddGroup(ip.Family, state.SharingKey, state.BackendKey);
                    state.Group.Ips.Set(ip.Value, state);
                }
            }

            state.Services.Add(assignment.Key);
            foreach (var port in assignment.Ports)
            {
                if (state.Ports.TryAdd(port, assignment.Key))
                {
                    state.Group?.AddPort(port);
                }
            }
        }

        pool.Services.Add(assignment.Key);
        _assignments[assignment.Key] = assignment;
    }

    /// <summary>Removes a Service's allocation; IPs with no Service left return to their pool.</summary>
    private Assignment? Unassign(string key)
    {
        if (!_assignments.Remove(key, out var assignment))
        {
            return null;
        }

        foreach (var ip in assignment.Ips)
        {
            var state = _ips[ip];
            state.Services.Remove(key);
            foreach (var port in assignment.Ports)
            {
                if (state.Ports.TryGetValue(port, out var owner) && owner == key)
                {
                    state.Ports.Remove(port);
                    state.Group?.RemovePort(port);
                }
            }

            if (state.Services.Count == 0)
            {
                _ips.Remove(ip);
                state.Entry.Remove(ip);
                state.Pool.CountIp(ip.Family, -1);
                if (state.Group is not null)
                {
                    state.Group.Ips.Remove(ip.Value);
                    state.Pool.RemoveGroupIfEmpty(ip.Family, state.SharingKey, state.BackendKey);
                }
            }
        }

        assignment.Pool.Services.Remove(key);
        return assignment;
    }
}
