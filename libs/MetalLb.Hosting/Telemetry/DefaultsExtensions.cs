using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MetalLb.Hosting.Telemetry;

/// <summary>Telemetry and health defaults every metallb-svc service starts with.</summary>
public static class DefaultsExtensions
{
    /// <summary>
    /// Adds OpenTelemetry tracing and metrics (MassTransit, the service's own source and meter, ASP.NET Core, HttpClient)
    /// with the Kubernetes resource attributes, the OTLP exporter when OTEL_EXPORTER_OTLP_ENDPOINT is set, and health checks.
    /// </summary>
    public static IHostApplicationBuilder AddMetalLbDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        var version = Assembly.GetEntryAssembly()?.GetName().Version?.ToString() ?? "0.0.0";
        var attributes = new List<KeyValuePair<string, object>>();
        AddIfSet(attributes, "k8s.node.name", Setting(builder, MetalLbTelemetry.NodeNameVariable));
        AddIfSet(attributes, "k8s.pod.name", Setting(builder, MetalLbTelemetry.PodNameVariable));

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: version).AddAttributes(attributes))
            .WithTracing(t => t
                .AddSource(MetalLbTelemetry.MassTransitSource, MetalLbTelemetry.OwnSources, serviceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(MetalLbTelemetry.MassTransitSource, MetalLbTelemetry.OwnSources, serviceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(Setting(builder, MetalLbTelemetry.OtlpEndpointVariable)))
        {
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [MetalLbTelemetry.LiveTag]);
        return builder;
    }

    /// <summary>Maps <c>/healthz</c> (the process is alive) and <c>/readyz</c> (every check, the bus's included).</summary>
    public static WebApplication MapMetalLbHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(MetalLbTelemetry.LiveTag) });
        app.MapHealthChecks("/readyz");
        return app;
    }

    // Configuration holds the environment in a default host; the variable itself covers hosts built without defaults.
    private static string? Setting(IHostApplicationBuilder builder, string variable) =>
        builder.Configuration[variable] ?? Environment.GetEnvironmentVariable(variable);

    private static void AddIfSet(List<KeyValuePair<string, object>> attributes, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            attributes.Add(new(name, value));
        }
    }
}
