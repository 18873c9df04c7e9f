using MetalLb.Webhook.Certificates;
using MetalLb.Webhook.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MetalLb.Webhook.Health;

/// <summary>
/// Ready only when requests can be judged correctly and served: the object store has synced and the serving
/// certificate is in place. MetalLB reports ready before either (METALLB-SPEC §9, pain point 2), so CRs applied right
/// after install fail against a webhook that cannot answer yet.
/// </summary>
public sealed class ReadinessCheck(IObjectStore store, ICertificateProvider certificates) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var reasons = new List<string>(2);
        if (!store.IsSynced)
        {
            reasons.Add("object store not synced yet");
        }

        if (!certificates.IsReady)
        {
            reasons.Add("serving certificate not ready yet");
        }

        return Task.FromResult(reasons.Count == 0
            ? HealthCheckResult.Healthy("ready")
            : HealthCheckResult.Unhealthy(string.Join("; ", reasons)));
    }
}
