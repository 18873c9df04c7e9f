using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MetalLb.Hosting.Telemetry;

/// <summary>Telemetry and health defaults every metallb-svc service starts with.</summary>
public static class DefaultsExtensions
{
    /// <summary>
    /// Adds OpenTelemetry tracing, metrics (MassTransit, the service's own source and meter, ASP.NET Core, HttpClient)
    /// and logs (with scopes and the trace and span ids of the current span), the resource attributes, the OTLP
    /// exporter for all three when OTEL_EXPORTER_OTLP_ENDPOINT is set, and health checks.
    /// </summary>
    /// <remarks>
    /// <paramref name="serviceName"/> and the entry assembly's informational version are defaults: the standard
    /// OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES override them, as the OpenTelemetry specification asks.
    /// </remarks>
    public static IHostApplicationBuilder AddMetalLbDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ImportOtelVariables(builder.Configuration);
        var version = VersionOf(Assembly.GetEntryAssembly() ?? typeof(DefaultsExtensions).Assembly);
        var attributes = new List<KeyValuePair<string, object>>();
        AddIfSet(attributes, "k8s.node.name", Setting(builder, MetalLbTelemetry.NodeNameVariable));
        AddIfSet(attributes, "k8s.pod.name", Setting(builder, MetalLbTelemetry.PodNameVariable));

        // Log records carry the current span's ids (OpenTelemetry's records always do; the flags give console scopes them too).
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        // The environment detector comes after our defaults, so the OTEL_* variables win.
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: version).AddAttributes(attributes).AddEnvironmentVariableDetector())
            .WithTracing(t => t
                .AddSource(MetalLbTelemetry.MassTransitSource, MetalLbTelemetry.OwnSources, serviceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(MetalLbTelemetry.MassTransitSource, MetalLbTelemetry.OwnSources, serviceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: o =>
            {
                o.IncludeScopes = true;
                o.IncludeFormattedMessage = true;
            });
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

    /// <summary>The assembly's informational version (<c>1.2.3+commit</c>), else its version.</summary>
    public static string VersionOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
    }

    /// <summary>
    /// OpenTelemetry reads its OTEL_* settings from the host's configuration, which holds the environment only in a
    /// host built with defaults; a host built without them (the lab) gets the variables here, unless set otherwise.
    /// </summary>
    private static void ImportOtelVariables(IConfigurationManager configuration)
    {
        var missing = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => (Name: (string)e.Key, Value: e.Value as string))
            .Where(e => e.Name.StartsWith(MetalLbTelemetry.OtelVariablePrefix, StringComparison.Ordinal) && configuration[e.Name] is null)
            .ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        if (missing.Count > 0)
        {
            configuration.AddInMemoryCollection(missing);
        }
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
