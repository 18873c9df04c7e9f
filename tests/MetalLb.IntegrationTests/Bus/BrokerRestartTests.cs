using MetalLb.Allocator.Bus;
using MetalLb.Allocator.Reconciliation;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>
/// RabbitMQ goes down mid-run and comes back on the same port: the allocator keeps allocating meanwhile, and what
/// changed while the broker was away reaches every announcer once it is back.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class BrokerRestartTests(ITestOutputHelper output)
{
    /// <summary>
    /// MassTransit reconnects with a growing back-off (observed up to ~20 s after a 20 s outage), so the first
    /// digest after the restart can take that long to arrive.
    /// </summary>
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(45);

    [RootFact]
    public async Task BrokerRestart_ChangesMadeWhileDown_ReachEveryAnnouncer()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var scenario = await BusScenario.StartAsync();
        var nodeA = new AnnouncerNode("node-a", AnnouncerResync.All);
        var nodeB = new AnnouncerNode("node-b", AnnouncerResync.All);
        await scenario.Cluster.ApplyAsync(AllocatorYaml.Node("node-a"));
        await scenario.Cluster.ApplyAsync(AllocatorYaml.Node("node-b"));
        await scenario.StartAnnouncerAsync(nodeA);
        await scenario.StartAnnouncerAsync(nodeB);
        var allocator = await scenario.StartAllocatorAsync(TimeSpan.FromSeconds(1));
        await scenario.AddServiceAsync("web", "node-a");
        await scenario.AddServiceAsync("api", "node-b");
        await scenario.LedgerHoldsExactlyAsync("web", "api");
        await scenario.BookMatchesLedgerAsync(nodeA);
        await scenario.BookMatchesLedgerAsync(nodeB);

        output.WriteLine($"{clock.Elapsed}: books match, stopping the broker");
        await scenario.Broker.StopBrokerAsync();
        output.WriteLine($"{clock.Elapsed}: broker stopped");
        await scenario.DeleteServiceAsync("web");
        await scenario.AddServiceAsync("during", "node-a");
        await scenario.LedgerHoldsExactlyAsync("api", "during");
        output.WriteLine($"{clock.Elapsed}: ledger caught up, starting the broker");
        await scenario.Broker.StartBrokerAsync();
        output.WriteLine($"{clock.Elapsed}: broker started");

        await scenario.BookMatchesLedgerAsync(nodeA, Reconnect);
        await scenario.BookMatchesLedgerAsync(nodeB, Reconnect);
        output.WriteLine($"{clock.Elapsed}: books caught up");
        await scenario.AddServiceAsync("after", "node-b");
        await scenario.LedgerHoldsExactlyAsync("api", "during", "after");
        await scenario.BookMatchesLedgerAsync(nodeA);
        await scenario.BookMatchesLedgerAsync(nodeB);
        await nodeA.ConsumedAsync("default/after", BusScenario.Timeout);
        await nodeB.ConsumedAsync("default/after", BusScenario.Timeout);
        Assert.Null(nodeA.Book.Find("default/web"));
        Assert.Null(nodeB.Book.Find("default/web"));
        Assert.False(allocator.Services.GetRequiredService<AllocatorWorker>().ExecuteTask!.IsCompleted, "the allocator's worker stopped");
        Assert.False(allocator.Services.GetRequiredService<PlanDigestPublisher>().ExecuteTask!.IsCompleted, "the digest publisher stopped");
    }
}
