using System.Diagnostics;
using System.Reflection;
using MetalLb.Hosting.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace MetalLb.Hosting.Tests.Telemetry;

public class DefaultsLoggingTests
{
    [Fact]
    public void AddMetalLbDefaults_LogRecordsCarryTheCurrentSpanTheirScopes()
    {
        var records = new List<LogRecord>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddMetalLbDefaults("metallb-test");
        builder.Services.ConfigureOpenTelemetryLoggerProvider(l => l.AddInMemoryExporter(records));
        using var host = builder.Build();
        host.Services.GetRequiredService<TracerProvider>();
        var logger = host.Services.GetRequiredService<ILogger<DefaultsLoggingTests>>();
        using var source = new ActivitySource("metallb-test");
        ActivitySpanId spanId;
        ActivityTraceId traceId;

        using (var span = source.StartActivity("work"))
        {
            Assert.NotNull(span);
            (spanId, traceId) = (span.SpanId, span.TraceId);
            using (logger.BeginScope(new Dictionary<string, object> { ["Service"] = "default/web" }))
            {
                logger.LogWarning("Pool {Pool} is full", "blue");
            }
        }

        host.Services.GetRequiredService<LoggerProvider>().ForceFlush();

        var record = Assert.Single(records, r => r.CategoryName == typeof(DefaultsLoggingTests).FullName);
        Assert.Equal(traceId, record.TraceId);
        Assert.Equal(spanId, record.SpanId);
        Assert.Equal("Pool blue is full", record.FormattedMessage);
        Assert.Contains(record.Attributes!, a => a.Key == "Pool" && (string?)a.Value == "blue");
        var scopes = new List<KeyValuePair<string, object?>>();
        record.ForEachScope(
            (scope, all) =>
            {
                foreach (var item in scope)
                {
                    all.Add(item);
                }
            },
            scopes);
        Assert.Contains(scopes, s => s.Key == "Service" && (string?)s.Value == "default/web");
    }

    [Fact]
    public void AddMetalLbDefaults_OtelServiceNameAndResourceAttributesOverrideTheDefaults()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = "allocator-blue",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment=lab,service.version=9.9.9",
        });
        builder.AddMetalLbDefaults("metallb-test");
        using var host = builder.Build();

        var attributes = host.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);

        Assert.Equal("allocator-blue", attributes["service.name"]);
        Assert.Equal("lab", attributes["deployment.environment"]);
        Assert.Equal("9.9.9", attributes["service.version"]);
    }

    [Fact]
    public void VersionOf_IsTheInformationalVersion()
    {
        var assembly = typeof(DefaultsExtensions).Assembly;

        var version = DefaultsExtensions.VersionOf(assembly);

        Assert.Equal(assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, version);
    }
}
