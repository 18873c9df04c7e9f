using System.Diagnostics.Metrics;
using MetalLb.Allocator.Bus;
using MetalLb.Domain.Allocation;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>
/// The allocator's metrics under MetalLB's names (METALLB-SPEC §7.2) and ours (<c>metallb_svc_allocator_*</c>).
/// </summary>
/// <remarks>
/// Only the leader holds assignments, so only the leader reports the per-pool series and the configuration gauges: a
/// follower has validated nothing and would otherwise report "not loaded" and empty pools. The counters are this
/// process's own and are reported by every replica (a follower's stay at what it counted while it led). Labels:
/// <c>pool</c> holds a configured IPAddressPool's name; <c>reason</c> one of <see cref="AllocationFailure.All"/>.
/// </remarks>
public sealed class AllocatorMetrics
{
    public const string ConfigLoaded = "metallb_k8s_client_config_loaded_bool";

    public const string ConfigStale = "metallb_k8s_client_config_stale_bool";

    public const string Updates = "metallb_k8s_client_updates_total";

    public const string UpdateErrors = "metallb_k8s_client_update_errors_total";

    public const string AddressesTotal = "metallb_allocator_addresses_total";

    public const string Ipv4AddressesTotal = "metallb_allocator_ipv4_addresses_total";

    public const string Ipv6AddressesTotal = "metallb_allocator_ipv6_addresses_total";

    public const string AddressesInUse = "metallb_allocator_addresses_in_use_total";

    public const string Ipv4AddressesInUse = "metallb_allocator_ipv4_addresses_in_use_total";

    public const string Ipv6AddressesInUse = "metallb_allocator_ipv6_addresses_in_use_total";

    public const string ServicesAllocated = "metallb_allocator_services_allocated_total";

    public const string Allocations = "metallb_svc_allocator_allocations_total";

    public const string AllocationFailures = "metallb_svc_allocator_allocation_failures_total";

    public AllocatorMetrics(AllocatorReconciler reconciler, ILeadership leadership, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        ArgumentNullException.ThrowIfNull(leadership);
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(AllocatorTelemetry.SourceName);
        meter.CreateObservableGauge(
            ConfigLoaded, () => Leading(leadership, reconciler.ConfigIsLoaded), description: "1 when a valid configuration is in force");
        meter.CreateObservableGauge(
            ConfigStale, () => Leading(leadership, reconciler.ConfigIsStale), description: "1 when the latest configuration did not validate and an older one is in force");
        meter.CreateObservableCounter(Updates, () => reconciler.Counts.Updates, description: "configuration changes processed");
        meter.CreateObservableCounter(UpdateErrors, () => reconciler.Counts.UpdateErrors, description: "configuration changes refused because they did not validate");

        PerPool(meter, reconciler, AddressesTotal, r => r.Usage.CapacityInt64, "usable IPs in the pool (avoidBuggyIPs applied)");
        PerPool(meter, reconciler, Ipv4AddressesTotal, r => r.Usage.V4.CapacityInt64, "usable IPv4 addresses in the pool");
        PerPool(meter, reconciler, Ipv6AddressesTotal, r => r.Usage.V6.CapacityInt64, "usable IPv6 addresses in the pool");
        PerPool(meter, reconciler, AddressesInUse, r => FamilyUsage.Saturate(r.Usage.Assigned), "distinct IPs of the pool held by Services");
        PerPool(meter, reconciler, Ipv4AddressesInUse, r => r.Usage.V4.AssignedInt64, "distinct IPv4 addresses of the pool held by Services");
        PerPool(meter, reconciler, Ipv6AddressesInUse, r => r.Usage.V6.AssignedInt64, "distinct IPv6 addresses of the pool held by Services");
        PerPool(meter, reconciler, ServicesAllocated, r => r.Services, "Services holding IPs from the pool");

        meter.CreateObservableCounter(Allocations, () => AllocationCounts(reconciler), description: "Services given new IPs, by pool");
        meter.CreateObservableCounter(AllocationFailures, () => FailureCounts(reconciler), description: "failed allocations (each retry counts), by reason");
    }

    private static IEnumerable<Measurement<int>> Leading(ILeadership leadership, bool value) =>
        leadership.IsLeader ? [new Measurement<int>(value ? 1 : 0)] : [];

    private static void PerPool(Meter meter, AllocatorReconciler reconciler, string name, Func<PoolReport, long> pick, string description) =>
        meter.CreateObservableGauge(
            name,
            () => reconciler.PoolReports.Select(r => new Measurement<long>(pick(r), new KeyValuePair<string, object?>("pool", r.Usage.Pool))),
            description: description);

    /// <summary>Every configured pool (zero until its first allocation) and every pool that ever allocated.</summary>
    private static IEnumerable<Measurement<long>> AllocationCounts(AllocatorReconciler reconciler)
    {
        var counts = reconciler.Counts.Allocations;
        var pools = reconciler.PoolReports.Select(r => r.Usage.Pool).Concat(counts.Keys).Distinct(StringComparer.Ordinal);
        return pools.Select(p => new Measurement<long>(counts.GetValueOrDefault(p), new KeyValuePair<string, object?>("pool", p)));
    }

    /// <summary>Every reason, zero until it first happens, so a rate over the series works from the start.</summary>
    private static IEnumerable<Measurement<long>> FailureCounts(AllocatorReconciler reconciler)
    {
        var counts = reconciler.Counts.Failures;
        return AllocationFailure.All.Select(r => new Measurement<long>(counts.GetValueOrDefault(r), new KeyValuePair<string, object?>("reason", r)));
    }
}
