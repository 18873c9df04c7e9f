using MetalLb.Allocator.Reconciliation;
using MetalLb.Kubernetes.Caching;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MetalLb.Allocator.Health;

/// <summary>Ready once the cache has synced; degraded while an invalid configuration leaves an older one in force.</summary>
internal sealed class AllocatorHealthCheck(ClusterObjectCache cache, AllocatorReconciler reconciler, AllocatorWorker worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["leader"] = worker.IsLeader,
            ["restored"] = reconciler.IsRestored,
            ["configStale"] = reconciler.ConfigIsStale,
        };
        if (!cache.IsSynced)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the object cache has not synced yet", data: data));
        }

        return Task.FromResult(reconciler.ConfigIsStale
            ? HealthCheckResult.Degraded("the configuration is invalid; the last good one is in force", data: data)
            : HealthCheckResult.Healthy(data: data));
    }
}
