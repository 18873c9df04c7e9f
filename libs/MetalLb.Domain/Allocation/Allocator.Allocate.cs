using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

public sealed partial class Allocator
{
    /// <summary>Allocation for a Service holding no IP (METALLB-SPEC §3.3): requested IPs, requested pool, automatic.</summary>
    /// <returns>Null on success (the allocation is recorded), else the reason.</returns>
    private string? Allocate(ServiceRequest request)
    {
        if (request.DesiredError is not null)
        {
            return request.DesiredError;
        }

        if (request.DesiredIps.Count > 0)
        {
            return AllocateRequested(request);
        }

        return request.DesiredPool is { } pool ? AllocateFromPool(request, pool) : AllocateAutomatic(request);
    }

    /// <summary>Requested IPs: all or nothing, never a fallback to another address; autoAssign is irrelevant.</summary>
    private string? AllocateRequested(ServiceRequest request)
    {
        var ips = request.DesiredIps;
        if (request.DesiredFamily != request.Family)
        {
            return $"requested loadBalancer IP(s) {AllocationMessages.Quoted(ips)} does not match the ipFamily of the service";
        }

        var error = ValidateAssign(request, ips, out var pool);
        if (error is not null)
        {
            return error;
        }

        if (request.DesiredPool is { } desired && pool!.Name != desired)
        {
            return $"requested loadBalancer IP(s) {AllocationMessages.Quoted(ips)} is not compatible with requested address pool {desired} (they belong to pool \"{pool.Name}\")";
        }

        return TryAssign(request, ips);
    }

    /// <summary>Requested pool: its lowest acceptable IP(s); autoAssign is irrelevant, compatibility still applies.</summary>
    private string? AllocateFromPool(ServiceRequest request, string name)
    {
        if (!_pools.ByName.TryGetValue(name, out var pool))
        {
            return $"unknown pool \"{name}\"";
        }

        var incompatible = IncompatibilityReason(pool.Pool, request.Namespace, request.Labels);
        if (incompatible is not null)
        {
            return $"pool {name} not compatible for ip assignment: {incompatible}";
        }

        var ips = PickFromPool(pool, request, out var error);
        return ips is null ? error : TryAssign(request, ips);
    }

    private IpAddress[]? PickFromPool(PoolState pool, ServiceRequest request, out string error)
    {
        error = AllocationMessages.NoAvailableInPool(pool.Name);
        if (request.Family is ServiceFamily.V4 or ServiceFamily.V6)
        {
            var family = request.Family == ServiceFamily.V4 ? IpFamily.V4 : IpFamily.V6;
            if (FirstAcceptable(pool, family, request) is { } ip)
            {
                return [ip];
            }

            if (!pool.HasFamily(family))
            {
                error += $" (it has no {AllocationMessages.Name(family)} addresses)";
            }

            return null;
        }

        var v4 = FirstAcceptable(pool, IpFamily.V4, request);
        var v6 = FirstAcceptable(pool, IpFamily.V6, request);
        if (v4 is { } both4 && v6 is { } both6)
        {
            return [both4, both6];
        }

        if (request.Policy == FamilyPolicy.PreferDualStack)
        {
            var primary = request.PrimaryFamily == IpFamily.V4 ? v4 : v6;
            var secondary = request.PrimaryFamily == IpFamily.V4 ? v6 : v4;
            if ((primary ?? secondary) is { } one)
            {
                return [one];
            }

            return null;
        }

        error += $" (dual-stack needs a free IPv4 and a free IPv6 address; IPv4: {(v4 is null ? "none" : "free")}, IPv6: {(v6 is null ? "none" : "free")})";
        return null;
    }

    /// <summary>
    /// Automatic allocation: compatible pinned pools in priority order, then fallback pools (autoAssign, no
    /// serviceAllocation) in name order. Failure keeps MetalLB's <c>no available IPs</c> and lists the pools tried.
    /// </summary>
    /// <remarks>
    /// A pool whose serviceAllocation has no namespaces and no selectors is pinned and matches every Service
    /// (METALLB-SPEC §3.3 a); MetalLB itself lists such a pool neither as pinned nor as fallback.
    /// </remarks>
    private string? AllocateAutomatic(ServiceRequest request)
    {
        var tried = new List<string>();
        var pinned = _pools.Pinned.Where(p => Admits(p.Pool, request.Namespace, request.Labels));
        var choice = FindBestPool(pinned, request, tried) ?? FindBestPool(_pools.Fallback, request, tried);
        if (choice is null)
        {
            return AllocationMessages.NoAvailable(tried);
        }

        return TryAssign(request, choice);
    }

    /// <summary>MetalLB's <c>findBestPoolForService</c> over an ordered pool list (METALLB-SPEC §3.3.1).</summary>
    private IpAddress[]? FindBestPool(IEnumerable<PoolState> pools, ServiceRequest request, List<string> tried)
    {
        IpAddress? primaryOnly = null;
        IpAddress? secondaryOnly = null;
        foreach (var pool in pools)
        {
            tried.Add(pool.Name);
            if (request.Family is ServiceFamily.V4 or ServiceFamily.V6)
            {
                var family = request.Family == ServiceFamily.V4 ? IpFamily.V4 : IpFamily.V6;
                if (FirstAcceptable(pool, family, request) is { } ip)
                {
                    return [ip];
                }

                continue;
            }

            var v4 = FirstAcceptable(pool, IpFamily.V4, request);
            var v6 = FirstAcceptable(pool, IpFamily.V6, request);
            if (v4 is { } both4 && v6 is { } both6)
            {
                return [both4, both6];
            }

            if (request.Policy == FamilyPolicy.PreferDualStack)
            {
                primaryOnly ??= request.PrimaryFamily == IpFamily.V4 ? v4 : v6;
                secondaryOnly ??= request.PrimaryFamily == IpFamily.V4 ? v6 : v4;
            }
        }

        return (primaryOnly ?? secondaryOnly) is { } single ? [single] : null;
    }
}
