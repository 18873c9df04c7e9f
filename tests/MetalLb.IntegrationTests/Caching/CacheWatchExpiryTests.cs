using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Caching;

/// <summary>
/// The cache against a real API server whose etcd has been compacted at its current revision and which has then been
/// restarted, so the resourceVersion the cache last saw is gone (a watch resumed from it would get 410 Gone): the cache
/// must relist rather than resume, and end up with exactly the server's pools. The restart cuts the watch stream, so
/// the cache takes its error path (backoff and relist) here; the relist is what the test checks.
/// </summary>
public sealed class CacheWatchExpiryTests(KubeApiServerFixture api) : IClassFixture<KubeApiServerFixture>
{
    [RootFact]
    public async Task Cache_WhenItsResourceVersionIsCompactedAway_RelistsToTheServersState()
    {
        await using var harness = await CacheHarness.StartAsync(api);
        await harness.ApplyPoolAsync("expiry-kept", "192.0.2.0/28");
        await harness.ApplyPoolAsync("expiry-deleted", "192.0.2.16/28");
        await harness.WaitForAsync(s => s.Pools.Count == 2, "both first pools");
        var listsBefore = PoolLists(harness);
        await harness.KubectlAsync("create", "configmap", "expiry-bump", "-n", CacheHarness.Ns);

        var compacted = await api.CompactEtcdAsync();
        await api.RestartApiServerAsync();
        await harness.DeletePoolAsync("expiry-deleted");
        await harness.ApplyPoolAsync("expiry-added", "192.0.2.32/28");

        await harness.WaitForServerStateAsync();
        Assert.Equal(
            [
                "expiry-added [192.0.2.32/28] autoAssign=True",
                "expiry-kept [192.0.2.0/28] autoAssign=True",
            ],
            harness.CachedPools());
        Assert.True(compacted > 0);
        Assert.True(PoolLists(harness) > listsBefore, "the cache never relisted IPAddressPools");
        Assert.True(harness.Cache.IsSynced);
    }

    private static int PoolLists(CacheHarness harness) =>
        harness.Logger.Entries.Count(e => e.Id.Id == 2001 && e.Message.Contains("IPAddressPool", StringComparison.OrdinalIgnoreCase));
}
