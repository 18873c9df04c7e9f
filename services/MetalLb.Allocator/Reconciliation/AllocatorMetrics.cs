using System.Diagnostics.Metrics;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>
/// MetalLB's configuration gauges (METALLB-SPEC §7.2): <c>metallb_k8s_client_config_loaded_bool</c> (a valid
/// configuration is in force) and <c>metallb_k8s_client_config_stale_bool</c> (the latest objects did not validate and
/// an older configuration is still in force).
/// </summary>
public sealed class AllocatorMetrics
{
    public const string ConfigLoaded = "metallb_k8s_client_config_loaded_bool";

    public const string ConfigStale = "metallb_k8s_client_config_stale_bool";

    public AllocatorMetrics(AllocatorReconciler reconciler, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(AllocatorTelemetry.SourceName);
        meter.CreateObservableGauge(
            ConfigLoaded, () => reconciler.ConfigIsLoaded ? 1 : 0, description: "1 when a valid configuration is in force");
        meter.CreateObservableGauge(
            ConfigStale, () => reconciler.ConfigIsStale ? 1 : 0, description: "1 when the latest configuration did not validate and an older one is in force");
    }
}
