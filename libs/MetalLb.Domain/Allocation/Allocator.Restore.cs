using MetalLb.Domain.Config;

namespace MetalLb.Domain.Allocation;

public sealed partial class Allocator
{
    /// <summary>
    /// Rebuilds state from Service status after a restart, or reprocesses every Service (METALLB-SPEC §3.7).
    /// </summary>
    /// <remarks>
    /// Services with more ingress IPs go first, so every IP already in a status is re-claimed before a pending
    /// Service can be given it (MetalLB PR #2004). MetalLB's sort is unstable; here ties are broken by namespace,
    /// then name (ordinal), so a restore is deterministic (QUIRK 6 family).
    /// </remarks>
    /// <returns>One result per Service, in processing order.</returns>
    public IReadOnlyList<AllocationResult> Restore(IEnumerable<ServiceInfo> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services
            .OrderByDescending(s => s.IngressIPs.Count(ip => ip.Length > 0))
            .ThenBy(s => s.Metadata.Namespace ?? "", StringComparer.Ordinal)
            .ThenBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .Select(Converge)
            .ToArray();
    }
}
