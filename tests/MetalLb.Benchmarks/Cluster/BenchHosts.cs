using System.Globalization;
using k8s;
using MassTransit;
using MetalLb.Allocator;
using MetalLb.Hosting.Bus;
using MetalLb.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetalLb.Benchmarks.Cluster;

/// <summary>
/// The hosts the benchmarks run: the real allocator (<c>AddAllocator</c>, leader election off, so one replica acts
/// at once and no Lease traffic mixes in) and an announcer-side consumer with its own bus. Logging goes to stderr at
/// Warning, so the allocator's Information logs cost nothing.
/// </summary>
internal static class BenchHosts
{
    /// <summary>
    /// The allocator; over RabbitMQ when <paramref name="broker"/> is given, the in-memory bus otherwise.
    /// <paramref name="configure"/> registers services before <c>AddAllocator</c>, which keeps them (a timing publisher).
    /// </summary>
    public static IHost Allocator(IKubernetes client, RabbitMqFixture? broker, Action<IServiceCollection>? configure = null)
    {
        var builder = Create(broker);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Allocator:Identity"] = "bench",
            ["Allocator:LeaderElection"] = "false",
        });
        builder.Services.AddSingleton(client);
        configure?.Invoke(builder.Services);
        builder.AddAllocator();
        return builder.Build();
    }

    /// <summary>An announcer's bus to the broker with a temporary queue, so it receives every plan published.</summary>
    public static IHost Announcer(RabbitMqFixture broker, PlanProbe probe)
    {
        var builder = Create(broker);
        builder.Services.AddSingleton(probe);
        builder.AddMetalLbBus(x => x.AddConsumer<ProbePlanConsumer>().Endpoint(e =>
        {
            e.InstanceId = "bench";
            e.Temporary = true;
        }));
        return builder.Build();
    }

    /// <summary>The announcer's consumer on the allocator's own (in-memory) bus, as one process would run both.</summary>
    public static async Task<HostReceiveEndpointHandle> ConnectAnnouncerAsync(IBus bus, PlanProbe probe, CancellationToken cancellationToken)
    {
        var handle = bus.ConnectReceiveEndpoint("bench-announcer", e => e.Consumer(() => new ProbePlanConsumer(probe)));
        await handle.Ready.WaitAsync(cancellationToken);
        return handle;
    }

    public static async Task StopAsync(IHost? host)
    {
        if (host is null)
        {
            return;
        }

        try
        {
            await host.StopAsync(CancellationToken.None);
        }
        finally
        {
            host.Dispose();
        }
    }

    private static HostApplicationBuilder Create(RabbitMqFixture? broker)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (broker is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{RabbitMqOptions.SectionName}:Host"] = broker.Host,
                [$"{RabbitMqOptions.SectionName}:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
                [$"{RabbitMqOptions.SectionName}:Username"] = broker.Username,
                [$"{RabbitMqOptions.SectionName}:Password"] = broker.Password,
            });
        }

        return builder;
    }
}
