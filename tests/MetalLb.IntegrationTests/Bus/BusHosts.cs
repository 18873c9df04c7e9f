using System.Globalization;
using k8s;
using MetalLb.Allocator;
using MetalLb.Allocator.Bus;
using MetalLb.Hosting.Bus;
using MetalLb.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>Builds the allocator and announcer hosts of the end-to-end scenario, each with its own bus to the broker.</summary>
internal static class BusHosts
{
    /// <summary>
    /// An allocator as deployed: the real <c>BusPlanPublisher</c>, publishing over RabbitMQ; <paramref name="configure"/>
    /// adds settings or services before the allocator is registered.
    /// </summary>
    public static IHost Allocator(
        RabbitMqFixture broker, IKubernetes client, string identity, TimeSpan? digestInterval = null, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Create(broker);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Allocator:Identity"] = identity,
            ["Allocator:LeaseDuration"] = "00:00:04",
            ["Allocator:RenewDeadline"] = "00:00:03",
            ["Allocator:RetryPeriod"] = "00:00:00.500",
            ["Allocator:DigestInterval"] = (digestInterval ?? TimeSpan.FromSeconds(10)).ToString("c", CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton(client);
        configure?.Invoke(builder);
        builder.AddAllocator();
        return builder.Build();
    }

    /// <summary>
    /// One announcer node: its own temporary queue, so it gets every plan the allocator publishes; it asks for a
    /// snapshot on start when the node's <see cref="AnnouncerNode.Resync"/> says so.
    /// </summary>
    public static IHost Announcer(RabbitMqFixture broker, AnnouncerNode node)
    {
        var builder = Create(broker);
        builder.Services.AddSingleton(node);
        if (node.Resync.HasFlag(AnnouncerResync.OnStart))
        {
            builder.Services.AddHostedService<AnnouncerStartupResync>();
        }

        builder.AddMetalLbBus(x => x.AddConsumer<AnnouncerPlanConsumer>().Endpoint(e =>
        {
            e.InstanceId = node.Name;
            e.Temporary = true;
        }));
        return builder.Build();
    }

    /// <summary>A host with only the bus and the allocator's real <see cref="BusPlanPublisher"/>: no cluster behind it.</summary>
    public static IHost Publisher(RabbitMqFixture broker)
    {
        var builder = Create(broker);
        builder.Services.AddSingleton<PlanLedger>();
        builder.Services.AddSingleton<BusPlanPublisher>();
        builder.AddMetalLbBus(_ => { });
        return builder.Build();
    }

    /// <summary>A bare host whose bus (once added) talks to <paramref name="broker"/>.</summary>
    public static HostApplicationBuilder Create(RabbitMqFixture broker)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{RabbitMqOptions.SectionName}:Host"] = broker.Host,
            [$"{RabbitMqOptions.SectionName}:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            [$"{RabbitMqOptions.SectionName}:Username"] = broker.Username,
            [$"{RabbitMqOptions.SectionName}:Password"] = broker.Password,
        });
        return builder;
    }
}
