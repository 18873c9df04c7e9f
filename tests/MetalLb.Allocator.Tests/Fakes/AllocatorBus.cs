using MassTransit;
using MetalLb.Allocator.Bus;
using MetalLb.Hosting.Bus;
using MetalLb.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>
/// The allocator's side of the in-memory bus (ledger, publisher, snapshot consumer) with one test announcer endpoint
/// recording into <see cref="Inbox"/>.
/// </summary>
internal sealed class AllocatorBus : IAsyncDisposable
{
    private readonly IHost _host;

    private AllocatorBus(IHost host)
    {
        _host = host;
    }

    public Inbox<object> Inbox { get; } = new();

    public FakeLeadership Leadership { get; } = new();

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public PlanLedger Ledger => _host.Services.GetRequiredService<PlanLedger>();

    public BusPlanPublisher Publisher => _host.Services.GetRequiredService<BusPlanPublisher>();

    public PeerSetLedger PeerSets => _host.Services.GetRequiredService<PeerSetLedger>();

    public static async Task<AllocatorBus> StartAsync()
    {
        AllocatorBus? bus = null;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<PlanLedger>();
        builder.Services.AddSingleton<BusPlanPublisher>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PeerSetLedger>();
        builder.Services.AddSingleton<ILeadership>(_ => bus!.Leadership);
        builder.AddMetalLbBus(
            x => x.AddConsumer<RequestAnnouncementSnapshotConsumer>(),
            (_, cfg) => cfg.ReceiveEndpoint("test-announcer", e => e.Consumer(() => new InboxConsumer(bus!.Inbox))));
        bus = new AllocatorBus(builder.Build());
        await bus._host.StartAsync();
        return bus;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
