using MassTransit;
using MetalLb.Hosting.Bus;
using MetalLb.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetalLb.Hosting.Tests.Bus;

/// <summary>Builds one host per simulated process, each with its own bus to the fixture's broker.</summary>
internal static class RabbitMqHosts
{
    /// <summary>An announcer: its own temporary queue (every node gets every plan), and a resync whenever it is ready.</summary>
    public static IHost Announcer(RabbitMqFixture broker, AnnouncerNode node, string? secretDir = null)
    {
        var builder = Create(broker, secretDir);
        builder.Services.AddSingleton(node);
        builder.Services.AddReceiveEndpointObserver<ResyncWhenReady>();
        builder.AddMetalLbBus(x => x.AddConsumer<PlanConsumer>().Endpoint(e =>
        {
            e.InstanceId = node.Name;
            e.Temporary = true;
        }));
        return builder.Build();
    }

    /// <summary>The allocator's side: answers snapshot requests from <paramref name="state"/>.</summary>
    public static IHost Allocator(RabbitMqFixture broker, AllocatorState state)
    {
        var builder = Create(broker, secretDir: null);
        builder.Services.AddSingleton(state);
        builder.AddMetalLbBus(x => x.AddConsumer<SnapshotResponder>());
        return builder.Build();
    }

    private static HostApplicationBuilder Create(RabbitMqFixture broker, string? secretDir)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{RabbitMqOptions.SectionName}:Host"] = broker.Host,
            [$"{RabbitMqOptions.SectionName}:Port"] = broker.Port.ToString(),
            [$"{RabbitMqOptions.SectionName}:Username"] = secretDir is null ? broker.Username : "not-the-user",
            [$"{RabbitMqOptions.SectionName}:Password"] = secretDir is null ? broker.Password : "not-the-password",
            [$"{RabbitMqOptions.SectionName}:SecretDir"] = secretDir,
        });
        if (Environment.GetEnvironmentVariable("METALLB_TEST_BUS_LOG") is not null)
        {
            builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Debug);
        }

        return builder;
    }
}
