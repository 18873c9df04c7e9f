using MetalLb.Hosting.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace MetalLb.Hosting.Tests.Telemetry;

public class DefaultsTests
{
    [Fact]
    public async Task AddMetalLbDefaults_RegistersTracingAndAHealthyLivenessCheck()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddMetalLbDefaults("metallb-test");
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Contains("self", report.Entries.Keys);
    }

    [Fact]
    public void AddMetalLbDefaults_DescribesTheServiceAndItsNodeAndPod()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NODE_NAME"] = "node-1",
            ["POD_NAME"] = "announcer-x7k2p",
        });
        builder.AddMetalLbDefaults("metallb-test");
        using var host = builder.Build();

        var attributes = host.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);

        Assert.Equal("metallb-test", attributes["service.name"]);
        Assert.True(attributes.ContainsKey("service.version"));
        Assert.Equal("node-1", attributes["k8s.node.name"]);
        Assert.Equal("announcer-x7k2p", attributes["k8s.pod.name"]);
    }
}
