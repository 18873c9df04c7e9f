using MassTransit;
using MetalLb.Hosting.Bus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.Hosting.Tests.Bus;

public class InMemoryBusTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PublishedPlan_ReachesEveryNodesOwnEndpoint()
    {
        var nodeA = new AnnouncerNode("node-a");
        var nodeB = new AnnouncerNode("node-b");
        var allocator = new AllocatorState();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddMetalLbBus(_ => { }, (_, cfg) =>
        {
            cfg.ReceiveEndpoint("announcer-node-a", e => e.Consumer(() => new PlanConsumer(nodeA)));
            cfg.ReceiveEndpoint("announcer-node-b", e => e.Consumer(() => new PlanConsumer(nodeB)));
        });
        using var host = builder.Build();
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();

        await bus.Publish(allocator.Plan("ns/web", "192.0.2.10"));
        await bus.Publish(allocator.Plan("ns/db", "192.0.2.11"));
        await bus.Publish(allocator.Withdraw("ns/db"));

        var digest = allocator.Digest();
        await nodeA.WaitUntilAsync(b => !b.NeedsResync(digest), Timeout);
        await nodeB.WaitUntilAsync(b => !b.NeedsResync(digest), Timeout);
        Assert.Equal(["192.0.2.10"], nodeA.Book.Find("ns/web")!.Ips);
        Assert.Equal(["192.0.2.10"], nodeB.Book.Find("ns/web")!.Ips);
        Assert.Null(nodeB.Book.Find("ns/db"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Snapshot_RequestAndResponse_WorkInMemory()
    {
        var node = new AnnouncerNode("node-a");
        var allocator = new AllocatorState();
        allocator.Plan("ns/web", "192.0.2.10");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(allocator);
        builder.AddMetalLbBus(x => x.AddConsumer<SnapshotResponder>());
        using var host = builder.Build();
        await host.StartAsync();

        await node.ResyncAsync(host.Services.GetRequiredService<IBus>());

        Assert.Null(node.LastResyncError);
        Assert.False(node.Book.NeedsResync(allocator.Digest()));
        await host.StopAsync();
    }
}
