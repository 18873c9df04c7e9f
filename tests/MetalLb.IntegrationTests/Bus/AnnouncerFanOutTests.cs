using MetalLb.IntegrationTests.Allocator;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>Every announcer gets every plan: each node has its own queue, none competes for messages.</summary>
[Collection(RealBroker.Name)]
public sealed class AnnouncerFanOutTests
{
    [RootFact]
    public async Task Plans_ReachTwoAnnouncers_BothBooksMatchLedger()
    {
        await using var scenario = await BusScenario.StartAsync();
        var nodeA = new AnnouncerNode("node-a");
        var nodeB = new AnnouncerNode("node-b");
        await scenario.Cluster.ApplyAsync(AllocatorYaml.Node("node-a"));
        await scenario.Cluster.ApplyAsync(AllocatorYaml.Node("node-b"));
        await scenario.StartAnnouncerAsync(nodeA);
        await scenario.StartAnnouncerAsync(nodeB);
        await scenario.StartAllocatorAsync();

        await scenario.AddServiceAsync("web", "node-a");
        await scenario.AddServiceAsync("api", "node-b");
        await scenario.AddServiceAsync("db", "node-a");
        await scenario.LedgerHoldsExactlyAsync("web", "api", "db");
        await scenario.DeleteServiceAsync("api");
        await scenario.LedgerHoldsExactlyAsync("web", "db");

        await scenario.BookMatchesLedgerAsync(nodeA);
        await scenario.BookMatchesLedgerAsync(nodeB);
        Assert.Equal(0, nodeA.Resyncs + nodeB.Resyncs);
        Assert.Null(nodeA.Book.Find("default/api"));
        Assert.Equal(nodeA.Consumed.Select(c => (c.ServiceKey, c.Generation)).Order(), nodeB.Consumed.Select(c => (c.ServiceKey, c.Generation)).Order());
    }
}
