using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Caching;

/// <summary>
/// The cache against a real API server that is restarted mid-run: once it is back, a create, an update and a delete
/// all reach the cache, which converges to exactly the server's pools and stays synced throughout.
/// </summary>
public sealed class CacheApiServerRestartTests(KubeApiServerFixture api) : IClassFixture<KubeApiServerFixture>
{
    [RootFact]
    public async Task Cache_AcrossAnApiServerRestart_ConvergesToTheServersState()
    {
        await using var harness = await CacheHarness.StartAsync(api);
        await harness.ApplyPoolAsync("restart-updated", "198.51.100.0/28");
        await harness.ApplyPoolAsync("restart-deleted", "198.51.100.16/28");
        await harness.WaitForAsync(s => s.Pools.Count == 2, "both first pools");
        var unsyncedChanges = 0;
        harness.Cache.Changed += () =>
        {
            if (!harness.Cache.IsSynced)
            {
                Interlocked.Increment(ref unsyncedChanges);
            }
        };

        await api.RestartApiServerAsync();
        var syncedAfterRestart = harness.Cache.IsSynced;
        await harness.ApplyPoolAsync("restart-added", "198.51.100.32/28");
        await harness.ApplyPoolAsync("restart-updated", "198.51.100.48/28", autoAssign: false);
        await harness.DeletePoolAsync("restart-deleted");

        await harness.WaitForServerStateAsync();
        Assert.Equal(
            [
                "restart-added [198.51.100.32/28] autoAssign=True",
                "restart-updated [198.51.100.48/28] autoAssign=False",
            ],
            harness.CachedPools());
        Assert.True(syncedAfterRestart);
        Assert.Equal(0, Volatile.Read(ref unsyncedChanges));
        Assert.True(harness.Cache.IsSynced);
    }
}
