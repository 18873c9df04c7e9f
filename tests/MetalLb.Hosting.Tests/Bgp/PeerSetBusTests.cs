using MassTransit;
using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;
using MetalLb.Hosting.Bus;
using MetalLb.Hosting.Plans;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static MetalLb.Hosting.Tests.Bgp.PeerSets;

namespace MetalLb.Hosting.Tests.Bgp;

/// <summary>An announcer's peer set over the in-memory bus, registered as the announcer registers it.</summary>
public sealed class PeerSetBusTests
{
    private const string Node = "node-a";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PeerSet_ComesBySnapshot_ByMessage_AndAgainBySnapshotWhenTheDigestShowsAMiss()
    {
        using var files = new KeyFiles();
        var key = files.WriteNewKey();
        var allocator = new PeerSetAllocator(Set(Node, 1, Sealed(Peer("tor"), key, Node, "s3cret-1")));
        var backend = new RecordingBackend();
        using var host = Build(files, allocator, backend);
        await host.StartAsync();
        var agent = host.Services.GetRequiredService<BgpPeerSetAgent>();
        var sync = host.Services.GetRequiredService<AnnouncerSync>();
        var bus = host.Services.GetRequiredService<IBus>();
        using var stop = new CancellationTokenSource();
        var syncing = sync.RunAsync(stop.Token);

        await sync.Initial.WaitAsync(Timeout);
        Assert.Equal([new ResolvedPeer(Peer("tor"), "s3cret-1")], backend.Peers);

        var second = WaitForGeneration(agent, 2);
        await bus.Publish(Set("node-b", 2, Peer("elsewhere")));
        await bus.Publish(Set(Node, 2, Sealed(Peer("tor"), key, Node, "s3cret-2")));
        await second.WaitAsync(Timeout);
        Assert.Equal([new ResolvedPeer(Peer("tor"), "s3cret-2")], backend.Peers);

        allocator.Current = Set(Node, 3, Sealed(Peer("spine", "198.51.100.2"), key, Node, "s3cret-3"));
        var third = WaitForGeneration(agent, 3);
        await bus.Publish(new BgpPeerSetDigest(new Dictionary<string, long> { [Node] = 3 }));
        await third.WaitAsync(Timeout);
        Assert.Equal([new ResolvedPeer(Peer("spine", "198.51.100.2"), "s3cret-3")], backend.Peers);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => syncing);
        await host.StopAsync();
    }

    private static Task WaitForGeneration(BgpPeerSetAgent agent, long generation)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.Changed += a =>
        {
            if (a.Generation >= generation)
            {
                done.TrySetResult();
            }
        };
        return done.Task;
    }

    private static IHost Build(KeyFiles files, PeerSetAllocator allocator, RecordingBackend backend)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{BgpPasswordOptions.SectionName}:{nameof(BgpPasswordOptions.PasswordKeyFile)}"] = files.Path,
        });
        builder.Services.AddSingleton(allocator);
        builder.Services.AddSingleton<IBgpBackend>(backend);
        builder.Services.AddSingleton(new AnnouncerAgent(Node, new RecordingDataPlane()));
        builder.Services.AddSingleton<AnnouncerSync>();
        builder.Services.AddBgpPeerSets(Node);
        builder.AddMetalLbBus(x =>
        {
            x.AddConsumer<PeerSetSnapshotResponder>();
            x.AddBgpPeerSetConsumer(Node);
        });
        return builder.Build();
    }

    /// <summary>The allocator's side: the node's current set, answered in snapshots.</summary>
    public sealed class PeerSetAllocator(BgpPeerSet current)
    {
        public BgpPeerSet Current { get; set; } = current;
    }

    public sealed class PeerSetSnapshotResponder(PeerSetAllocator allocator) : IConsumer<RequestAnnouncementSnapshot>
    {
        public Task Consume(ConsumeContext<RequestAnnouncementSnapshot> context) =>
            context.RespondAsync(new AnnouncementSnapshot([], PlanDigests.Compute([]), allocator.Current));
    }
}
