using System.Diagnostics;
using MassTransit;
using MetalLb.Contracts;
using MetalLb.Hosting.Bus;
using MetalLb.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.Hosting.Tests.Bus;

public sealed class RabbitMqBusTests(RabbitMqFixture broker) : IClassFixture<RabbitMqFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly List<IHost> _hosts = [];
    private readonly List<string> _secretDirs = [];

    [RootFact]
    public async Task Plans_ReachTwoAnnouncers()
    {
        var allocator = new AllocatorState();
        var (nodeA, nodeB, bus) = await StartAsync(allocator);

        await bus.Publish(allocator.Plan("ns/web", "192.0.2.10"));
        await bus.Publish(allocator.Plan("ns/db", "192.0.2.11"));
        await bus.Publish(allocator.Plan("ns/web", "192.0.2.12"));

        await ConvergedAsync(allocator, nodeA, nodeB);
        Assert.Equal(["192.0.2.12"], nodeA.Book.Find("ns/web")!.Ips);
        Assert.Equal(["192.0.2.12"], nodeB.Book.Find("ns/web")!.Ips);
    }

    [RootFact]
    public async Task StoppedAnnouncer_CatchesUpThroughTheSnapshot()
    {
        var allocator = new AllocatorState();
        var (nodeA, nodeB, bus) = await StartAsync(allocator);
        await bus.Publish(allocator.Plan("ns/web", "192.0.2.20"));
        await bus.Publish(allocator.Plan("ns/db", "192.0.2.21"));
        await ConvergedAsync(allocator, nodeA, nodeB);
        var hostB = _hosts[^1];
        await hostB.StopAsync();

        await bus.Publish(allocator.Withdraw("ns/db"));
        await bus.Publish(allocator.Plan("ns/web", "192.0.2.22"));
        await bus.Publish(allocator.Plan("ns/dns", "192.0.2.23"));
        await nodeA.WaitUntilAsync(b => !b.NeedsResync(allocator.Digest()), Timeout);
        var missed = nodeB.Book.NeedsResync(allocator.Digest());
        var snapshotsBefore = nodeB.Snapshots;
        await StartHostAsync(RabbitMqHosts.Announcer(broker, nodeB));

        await nodeB.WaitUntilAsync(b => !b.NeedsResync(allocator.Digest()), Timeout);
        Assert.True(missed);
        Assert.True(nodeB.Snapshots > snapshotsBefore);
        Assert.Null(nodeB.Book.Find("ns/db"));
        Assert.Equal(["192.0.2.22"], nodeB.Book.Find("ns/web")!.Ips);
    }

    [RootFact]
    public async Task BrokerRestart_PublishingWorksAgain_AndBothAnnouncersReconverge()
    {
        var allocator = new AllocatorState();
        var (nodeA, nodeB, bus) = await StartAsync(allocator);
        await bus.Publish(allocator.Plan("ns/web", "192.0.2.30"));
        await ConvergedAsync(allocator, nodeA, nodeB);

        await broker.StopBrokerAsync();
        await broker.StartBrokerAsync();
        await PublishWhenConnectedAsync(bus, allocator.Plan("ns/web", "192.0.2.31"));
        await PublishWhenConnectedAsync(bus, allocator.Plan("ns/after-restart", "192.0.2.32"));

        await ConvergedAsync(allocator, nodeA, nodeB);
        Assert.Equal(["192.0.2.31"], nodeA.Book.Find("ns/web")!.Ips);
        Assert.Equal(["192.0.2.31"], nodeB.Book.Find("ns/web")!.Ips);
        Assert.NotNull(nodeB.Book.Find("ns/after-restart"));
    }

    [RootFact]
    public async Task TraceContext_CrossesTheBroker()
    {
        using var source = new ActivitySource("MetalLb.Hosting.Tests");
        var consumerSpan = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        ActivityTraceId expected = default;
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "MassTransit" or "MetalLb.Hosting.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer && a.TraceId == expected)
                {
                    consumerSpan.TrySetResult(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var allocator = new AllocatorState();
        var (nodeA, nodeB, bus) = await StartAsync(allocator);

        using (var reconcile = source.StartActivity("reconcile"))
        {
            expected = reconcile!.TraceId;
            await bus.Publish(allocator.Plan("ns/traced", "192.0.2.40"));
        }

        await ConvergedAsync(allocator, nodeA, nodeB);
        var span = await consumerSpan.Task.WaitAsync(Timeout);
        Assert.Equal(expected, nodeA.TraceIds["ns/traced"]);
        Assert.Equal(expected, nodeB.TraceIds["ns/traced"]);
        Assert.Equal(expected, span.TraceId);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.StopAsync();
            host.Dispose();
        }

        foreach (var dir in _secretDirs)
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task ConvergedAsync(AllocatorState allocator, params AnnouncerNode[] nodes)
    {
        var digest = allocator.Digest();
        await Task.WhenAll(nodes.Select(n => n.WaitUntilAsync(b => !b.NeedsResync(digest), Timeout)));
    }

    // While the bus reconnects a publish can fail or hang; each attempt is bounded and the whole by Timeout.
    private static async Task PublishWhenConnectedAsync(IBus bus, AnnouncementPlan plan)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            attempt.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await bus.Publish(plan, attempt.Token);
                return;
            }
            catch (Exception) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
    }

    private async Task<(AnnouncerNode NodeA, AnnouncerNode NodeB, IBus AllocatorBus)> StartAsync(AllocatorState allocator)
    {
        Assert.Null(broker.SkipReason);
        var allocatorHost = await StartHostAsync(RabbitMqHosts.Allocator(broker, allocator));
        var nodeA = new AnnouncerNode($"node-a-{Guid.NewGuid():N}");
        var nodeB = new AnnouncerNode($"node-b-{Guid.NewGuid():N}");
        await StartHostAsync(RabbitMqHosts.Announcer(broker, nodeA));
        await StartHostAsync(RabbitMqHosts.Announcer(broker, nodeB, SecretDir()));
        await Task.WhenAll(nodeA.WaitUntilAsync(_ => nodeA.Snapshots > 0, Timeout), nodeB.WaitUntilAsync(_ => nodeB.Snapshots > 0, Timeout));
        return (nodeA, nodeB, allocatorHost.Services.GetRequiredService<IBus>());
    }

    private async Task<IHost> StartHostAsync(IHost host)
    {
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    private string SecretDir()
    {
        var dir = Directory.CreateTempSubdirectory("metallb-bus-secret-").FullName;
        _secretDirs.Add(dir);
        File.WriteAllText(Path.Combine(dir, RabbitMqCredentials.UsernameFile), broker.Username + "\n");
        File.WriteAllText(Path.Combine(dir, RabbitMqCredentials.PasswordFile), broker.Password + "\n");
        return dir;
    }
}
