using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

public sealed partial class Allocator
{
    /// <summary>
    /// Whether the Service may use <paramref name="ip"/> alongside its current users (METALLB-SPEC §3.4 step 4, §3.5).
    /// </summary>
    /// <remarks>
    /// MetalLB answers every key mismatch with <c>can't change sharing key for "svc", address also in use by …</c>,
    /// even when the new Service simply has no key or a different backend (QUIRK 11). Here the message says what
    /// differs. Port clashes keep MetalLB's wording and name the owner.
    /// </remarks>
    /// <returns>Null when acceptable, else the reason.</returns>
    private string? CheckSharing(ServiceRequest request, IpAddress ip)
    {
        if (!_ips.TryGetValue(ip, out var state))
        {
            return null;
        }

        var others = state.Services.Where(s => s != request.Key).ToArray();
        var mismatch = SharingMismatch(state, request, others);
        if (mismatch is not null && others.Length > 0)
        {
            return $"can't share IP {ip} with {string.Join(", ", others)}: {mismatch}";
        }

        foreach (var port in request.Ports)
        {
            if (state.Ports.TryGetValue(port, out var owner) && owner != request.Key)
            {
                return $"port {port} is already in use on \"{ip}\" by {owner}";
            }
        }

        return null;
    }

    private static string? SharingMismatch(IpState state, ServiceRequest request, string[] others)
    {
        if (state.SharingKey.Length == 0)
        {
            return $"service {string.Join(", ", others)} has no sharing key";
        }

        if (request.SharingKey.Length == 0)
        {
            return $"service {request.Key} has no sharing key";
        }

        if (state.SharingKey != request.SharingKey)
        {
            return $"sharing key \"{request.SharingKey}\" differs from \"{state.SharingKey}\"";
        }

        if (state.BackendKey != request.BackendKey)
        {
            return request.BackendKey.Length > 0 && state.BackendKey.Length > 0
                ? $"externalTrafficPolicy Local selectors differ (\"{request.BackendKey}\" vs \"{state.BackendKey}\")"
                : $"externalTrafficPolicy differs ({AllocationMessages.DescribeBackend(request.BackendKey)} vs {AllocationMessages.DescribeBackend(state.BackendKey)})";
        }

        return null;
    }

    private static bool PortsClash(IpState state, ServiceRequest request)
    {
        foreach (var port in request.Ports)
        {
            if (state.Ports.TryGetValue(port, out var owner) && owner != request.Key)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The address MetalLB's walk would pick in <paramref name="pool"/> for one family (METALLB-SPEC §3.3.1): the
    /// first acceptable address walking the entries in configured order, lowest first inside each.
    /// </summary>
    /// <remarks>
    /// Per entry the answer is the lower of the first free address (one interval lookup) and the lowest IP already
    /// used by Services with the same sharing and backend keys whose ports do not clash (a ceiling lookup in that
    /// key's group). Cost: O(#entries × log n), plus the same-key IPs skipped for port clashes.
    /// </remarks>
    private IpAddress? FirstAcceptable(PoolState pool, IpFamily family, ServiceRequest request)
    {
        var group = request.SharingKey.Length > 0 ? pool.FindGroup(family, request.SharingKey, request.BackendKey) : null;
        if (group is not null && group.IsSaturatedFor(request.Ports))
        {
            group = null;
        }

        foreach (var entry in pool.Entries)
        {
            if (entry.Family != family || entry.IsEmpty)
            {
                continue;
            }

            var free = FirstFreeIn(entry, request);
            var shared = group is null ? null : LowestShared(group, entry, request, free);
            if ((shared ?? free) is { } best)
            {
                return best;
            }
        }

        return null;
    }

    private IpAddress? FirstFreeIn(EntryIndex entry, ServiceRequest request)
    {
        var candidate = entry.FirstFree();

        // Only overlapping pools (rejected by validation) can make an address free in this entry but used through
        // another pool; such an address is taken if MetalLB's sharing check accepts it, as MetalLB would.
        while (candidate is { } ip && _ips.ContainsKey(ip))
        {
            if (CheckSharing(request, ip) is null)
            {
                return ip;
            }

            candidate = entry.FirstFree(after: ip);
        }

        return candidate;
    }

    /// <summary>The lowest IP of <paramref name="group"/> inside the entry, below <paramref name="below"/>, without a port clash.</summary>
    private static IpAddress? LowestShared(SharingGroup group, EntryIndex entry, ServiceRequest request, IpAddress? below)
    {
        var end = entry.Entry.Range.End.Value;
        if (below is { } limit && limit.Value <= end)
        {
            if (limit.Value == UInt128.Zero)
            {
                return null;
            }

            end = limit.Value - UInt128.One;
        }

        var from = entry.Entry.Range.Start.Value;
        while (from <= end && group.Ips.TryCeiling(from, out var key, out var state) && key <= end)
        {
            if (!PortsClash(state, request))
            {
                return state.Ip;
            }

            if (key == UInt128.MaxValue)
            {
                break;
            }

            from = key + UInt128.One;
        }

        return null;
    }
}
