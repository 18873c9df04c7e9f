using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace MetalLb.Hosting.Telemetry;

/// <summary>The Prometheus side of every service's metrics: our meters exported on <c>/metrics</c> under MetalLB's names.</summary>
public static class PrometheusExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Adds the Prometheus exporter to the metrics pipeline with every <c>MetalLb.*</c> meter. Instrument names are the
    /// exposed names: MetalLB's counters already end in <c>_total</c> or are named without it
    /// (<c>metallb_layer2_requests_received</c>), so the exporter must not append a suffix, and our instruments carry
    /// no unit (a unit would be appended to the name).
    /// </summary>
    public static IHostApplicationBuilder AddMetalLbPrometheus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(MetalLbTelemetry.OwnSources)
            .AddPrometheusExporter(o => o.DisableTotalNameSuffixForCounters = true));
        return builder;
    }

    /// <summary>Maps <see cref="MetricsPath"/>, the Prometheus text exposition of what <see cref="AddMetalLbPrometheus"/> collects.</summary>
    public static IEndpointRouteBuilder MapMetalLbMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }
}
