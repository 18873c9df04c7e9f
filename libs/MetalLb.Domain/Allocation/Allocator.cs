using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

/// <summary>MetalLB's IP allocator (METALLB-SPEC §2–§3) as a pure, in-memory, single-threaded state machine.</summary>
/// <remarks>
/// <para>
/// The allocator owns no clock, no I/O and no logging: the adapter feeds it configuration and Services and turns
/// each <see cref="AllocationResult"/> into a status patch and Events. It is not thread-safe; one reconciler owns it.
/// </para>
/// <para>
/// Unlike MetalLB, which finds the lowest free address by walking the pool and test-assigning each address, the
/// used addresses of every pool entry are kept as merged intervals in a balanced tree, so the lowest free address is
/// one O(log n) lookup and memory grows with allocations, not pool size (an IPv6 /64 costs what a /24 does).
/// Addresses taken by Services with the same sharing key are kept per (pool, family, key) so co-location on the
/// lowest compatible shared IP needs no walk of the pool either. The choice is the one MetalLB makes: the first
/// acceptable address walking the pool's entries in configured order, lowest first inside each.
/// </para>
/// </remarks>
public sealed partial class Allocator
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NoNamespaces =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    private readonly string? _loadBalancerClass;
    private readonly Dictionary<string, Assignment> _assignments = new(StringComparer.Ordinal);
    private readonly Dictionary<IpAddress, IpState> _ips = [];
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private PoolDirectory _pools = PoolDirectory.Empty;
    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _namespaceLabels = NoNamespaces;

    /// <param name="config">The validated configuration; only its pools are read.</param>
    /// <param name="namespaceLabels">Namespace name → labels, for serviceAllocation namespaceSelectors.</param>
    /// <param name="loadBalancerClass">
    /// The <c>--lb-class</c> this allocator serves: null (or empty) serves only Services without
    /// <c>spec.loadBalancerClass</c>; otherwise only Services with exactly that class (METALLB-SPEC §2.3).
    /// </param>
    public Allocator(
        MetalLbConfig config,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> namespaceLabels,
        string? loadBalancerClass = null)
    {
        _loadBalancerClass = string.IsNullOrEmpty(loadBalancerClass) ? null : loadBalancerClass;
        SetConfig(config, namespaceLabels);
    }

    /// <summary>Keys of Services whose last convergence failed and left them without an IP, in key order.</summary>
    /// <remarks>MetalLB retries these only on a later "reprocess all"; <see cref="ConfigChange"/> lists them too.</remarks>
    public IReadOnlyList<string> PendingServices => _pending.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The IPs recorded for a Service, in status order; empty when it has none.</summary>
    public IReadOnlyList<IpAddress> IpsOf(string serviceKey) =>
        _assignments.TryGetValue(serviceKey, out var a) ? [.. a.Ips] : [];

    /// <summary>The pool a Service's IPs belong to, or null when it has none.</summary>
    public string? PoolOf(string serviceKey) => _assignments.TryGetValue(serviceKey, out var a) ? a.Pool.Name : null;

    /// <summary>Forgets a Service (deleted, or handed to another class): its IPs return to the pool once unshared.</summary>
    /// <remarks>MetalLB then reprocesses every pending Service; <see cref="PendingServices"/> says which.</remarks>
    public void Release(string serviceKey)
    {
        Unassign(serviceKey);
        _pending.Remove(serviceKey);
    }

    /// <summary>Capacity and distinct assigned IPs per family of a pool (METALLB-SPEC §3.8).</summary>
    /// <exception cref="KeyNotFoundException">No pool of that name is configured.</exception>
    public PoolUsage Usage(string pool)
    {
        if (!_pools.ByName.TryGetValue(pool, out var state))
        {
            throw new KeyNotFoundException($"unknown pool \"{pool}\"");
        }

        return new PoolUsage(
            pool,
            new FamilyUsage(state.Pool.Capacity(IpFamily.V4), (UInt128)state.AssignedV4),
            new FamilyUsage(state.Pool.Capacity(IpFamily.V6), (UInt128)state.AssignedV6));
    }

    /// <summary>Runs of used addresses recorded for a pool: the allocator's memory cost for it.</summary>
    internal int IntervalCount(string pool) => _pools.ByName[pool].IntervalCount;

    /// <summary>Distinct IPs in use over all pools.</summary>
    internal int IpCount => _ips.Count;

    private bool Serves(string? serviceClass) =>
        _loadBalancerClass is null ? string.IsNullOrEmpty(serviceClass) : serviceClass == _loadBalancerClass;
}
