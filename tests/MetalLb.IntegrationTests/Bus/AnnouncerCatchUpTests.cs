using MetalLb.IntegrationTests.Allocator;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>
/// An announcer that was down while Services were created, changed and deleted misses those messages (its
/// temporary queue went with it) and catches up through a snapshot: on start, or when a digest disagrees.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class AnnouncerCatchUpTests
{
    [RootFact]
    public Task StoppedAnnouncer_CatchesUpFromSnapshot_WhenItStartsAgain() =>
        MissChangesWhileStoppedThenCatchUpAsync(AnnouncerResync.OnStart, digestInterval: null);

    [RootFact]
    public Task StoppedAnnouncer_CatchesUpFromSnapshot_OnDigestMismatch() =>
        MissChangesWhileStoppedThenCatchUpAsync(AnnouncerResync.OnDigest, digestInterval: TimeSpan.FromSeconds(1));

    private static async Task MissChangesWhileStoppedThenCatchUpAsync(AnnouncerResync resync, TimeSpan? digestInterval)
    {
        await using var scenario = await BusScenario.StartAsync();
        var node = new AnnouncerNode("node-a", resync);
        await scenario.Cluster.ApplyAsync(AllocatorYaml.Node("node-a"));
        var announcer = await scenario.StartAnnouncerAsync(node);
        await scenario.StartAllocatorAsync(digestInterval);
        await scenario.AddServiceAsync("keep", "node-a");
        await scenario.AddServiceAsync("gone", "node-a");
        await scenario.Cluster.ApplyAsync(AllocatorYaml.Service("moved", "192.0.2.30"));
        await scenario.Cluster.ApplyAsync(AllocatorYaml.EndpointSlice("moved", "node-a"));
        await scenario.LedgerHoldsExactlyAsync("keep", "gone", "moved");
        await scenario.BookMatchesLedgerAsync(node);

        // Counted once the node is stopped: a digest can bring the book up to date before the last plan itself arrives.
        await scenario.StopAsync(announcer);
        var resyncs = node.Resyncs;
        var consumed = node.Consumed.Count;
        await scenario.DeleteServiceAsync("gone");
        await scenario.AddServiceAsync("fresh", "node-a");
        await scenario.Cluster.ApplyAsync(AllocatorYaml.Service("moved", "192.0.2.35"));
        await AllocatorCluster.Until(
            () => Task.FromResult(scenario.Ledger.Plans.Any(p => p.ServiceKey == "default/moved" && p.Ips.SequenceEqual(["192.0.2.35"]))),
            "the ledger to move default/moved to 192.0.2.35");
        await scenario.LedgerHoldsExactlyAsync("keep", "moved", "fresh");
        Assert.Equal(["192.0.2.30"], node.Book.Find("default/moved")!.Ips);
        Assert.True(node.Book.NeedsResync(scenario.Ledger.Digest()), "the stopped node's book should be stale");
        await scenario.StartAnnouncerAsync(node);

        await scenario.BookMatchesLedgerAsync(node);
        Assert.True(node.Resyncs > resyncs, $"expected a snapshot resync after the restart ({resyncs} before, {node.Resyncs} after)");
        Assert.Equal(consumed, node.Consumed.Count);
        Assert.Null(node.Book.Find("default/gone"));
        Assert.NotNull(node.Book.Find("default/fresh"));
        Assert.Equal(["192.0.2.35"], node.Book.Find("default/moved")!.Ips);
    }
}
