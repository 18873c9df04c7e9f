using System.Text.Json;
using MetalLb.TestSupport;
using Microsoft.Extensions.Logging;

namespace MetalLb.IntegrationTests.Caching;

/// <summary>
/// The cache against a real API server that serves watches from etcd, with no restart: the cache's watches end every
/// two seconds and resume from the last resourceVersion seen, other objects move etcd's revision on, and etcd is
/// compacted at that revision. The next IPAddressPool watch then resumes from a compacted resourceVersion and the
/// server answers with an ERROR event carrying a 410 Gone Status; the cache must take that as expiry, relist, and keep
/// following the server from the new list.
/// </summary>
public sealed class CacheWatchGoneTests(WatchCacheOffApiServerFixture server) : IClassFixture<WatchCacheOffApiServerFixture>
{
    private const int ListedEventId = 2001;
    private const int WatchExpiredEventId = 2004;

    private readonly KubeApiServerFixture _api = server.Api;

    [RootFact]
    public async Task Cache_WhenItsWatchResumesFromACompactedResourceVersion_Gets410AndRelists()
    {
        await using var harness = await CacheHarness.StartAsync(_api, o => o.WatchTimeout = TimeSpan.FromSeconds(2));
        await harness.ApplyPoolAsync("gone-kept", "192.0.2.64/28");
        await harness.ApplyPoolAsync("gone-deleted", "192.0.2.80/28");
        await harness.WaitForAsync(s => s.Pools.Count == 2, "both first pools");
        var watchedVersion = await NewestPoolVersionAsync();
        await harness.KubectlAsync("create", "configmap", "gone-bump-1", "-n", CacheHarness.Ns);
        await harness.KubectlAsync("create", "configmap", "gone-bump-2", "-n", CacheHarness.Ns);

        var compacted = await _api.CompactEtcdAsync();
        var expiredAt = await harness.Logger.WaitForAsync(e => IsPoolEntry(e, WatchExpiredEventId), "an IPAddressPool 410");
        await harness.Logger.WaitForAsync(
            e => IsPoolEntry(e, ListedEventId), "an IPAddressPool list after the 410", from: expiredAt + 1);
        await harness.DeletePoolAsync("gone-deleted");
        await harness.ApplyPoolAsync("gone-added", "192.0.2.96/28");

        await harness.WaitForServerStateAsync();
        Assert.Equal(
            [
                "gone-added [192.0.2.96/28] autoAssign=True",
                "gone-kept [192.0.2.64/28] autoAssign=True",
            ],
            harness.CachedPools());
        Assert.True(compacted > watchedVersion + 1, $"compacted at {compacted}, the pools were watched from {watchedVersion}");
        Assert.Contains($"from resourceVersion {watchedVersion} expired", harness.Logger.Entries[expiredAt].Message, StringComparison.Ordinal);
        Assert.True(harness.Cache.IsSynced);
    }

    private static bool IsPoolEntry((EventId Id, string Message) entry, int eventId) =>
        entry.Id.Id == eventId && entry.Message.Contains("IPAddressPool", StringComparison.Ordinal);

    /// <summary>
    /// The resourceVersion of the newest pool, which is where the cache's pool watch resumes from: etcd watches send no
    /// bookmarks, so nothing else moves it.
    /// </summary>
    private async Task<long> NewestPoolVersionAsync()
    {
        var result = await _api.RunKubectlAsync("get", "ipaddresspools.metallb.io", "-n", CacheHarness.Ns, "-o", "json");
        Assert.True(result.Succeeded, result.ToString());
        using var list = JsonDocument.Parse(result.StandardOutput);
        return list.RootElement.GetProperty("items").EnumerateArray()
            .Max(item => long.Parse(
                item.GetProperty("metadata").GetProperty("resourceVersion").GetString() ?? "0",
                System.Globalization.CultureInfo.InvariantCulture));
    }
}
