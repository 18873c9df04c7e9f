using k8s;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Caching;
using static MetalLb.Kubernetes.Tests.Caching.TestObjects;

namespace MetalLb.Kubernetes.Tests.Caching;

public sealed class ClusterObjectCacheTests : IDisposable
{
    private readonly FakeKindSource _pools = new(CachedKind.IpAddressPool);
    private readonly FakeKindSource _services = new(CachedKind.Service);
    private readonly RecordingDelay _delay = new();
    private readonly ListLogger _logger = new();
    private readonly ClusterObjectCache _cache;

    public ClusterObjectCacheTests()
    {
        var settings = new KindReflectorSettings { Delay = _delay.DelayAsync, MinHealthyWatch = TimeSpan.MaxValue };
        _cache = new ClusterObjectCache([_pools, _services], settings, _logger);
    }

    [Fact]
    public async Task WaitForSync_CompletesOnlyOnceEveryKindHasBeenListed()
    {
        _pools.List("1", Pool("a", "1")).WatchOpen();
        _services.FailList(new HttpRequestException("Connection refused"));

        await _cache.StartAsync(CancellationToken.None);
        await Task.WhenAll(_pools.Idle, _services.Idle);
        var syncedBefore = _cache.IsSynced;
        var waiting = _cache.WaitForSyncAsync(CancellationToken.None);
        var waitingBefore = waiting.IsCompleted;
        _services.List("5", Service("default", "web", "5")).WatchOpen();
        await waiting.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(syncedBefore);
        Assert.False(waitingBefore);
        Assert.True(_cache.IsSynced);
        Assert.Equal(["a"], Names(_cache.Snapshot.Pools));
        Assert.Equal(["default/web"], _cache.Snapshot.Services.Select(s => s.Key));
        Assert.Contains(_logger.Entries, e => e.Id.Id == 2003);
    }

    [Fact]
    public async Task WaitForSync_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = _cache.WaitForSyncAsync(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Changed_IsRaisedAfterEachAppliedChange_WithTheNewSnapshotInPlace()
    {
        var seen = new List<(long Version, int Pools)>();
        _cache.Changed += () =>
        {
            lock (seen)
            {
                seen.Add((_cache.Version, _cache.Snapshot.Pools.Count));
            }
        };
        _pools.List("1", Pool("a", "1"))
            .WatchOpen(WatchItem.Upserted(Pool("b", "2")), WatchItem.Upserted(Pool("b", "2")), WatchItem.Bookmark("3"));
        _services.List("1").WatchOpen();

        await _cache.StartAsync(CancellationToken.None);
        await Task.WhenAll(_pools.Idle, _services.Idle);

        Assert.Equal([(1L, 1), (2L, 2)], seen);
        Assert.Equal(2, _cache.Version);
    }

    [Fact]
    public async Task Changed_HandlerThatThrows_IsLoggedAndOtherHandlersStillRun()
    {
        var calls = 0;
        _cache.Changed += () => throw new InvalidOperationException("handler bug");
        _cache.Changed += () => Interlocked.Increment(ref calls);
        _pools.List("1", Pool("a", "1")).WatchOpen(WatchItem.Upserted(Pool("b", "2")));
        _services.List("1").WatchOpen();

        await _cache.StartAsync(CancellationToken.None);
        await Task.WhenAll(_pools.Idle, _services.Idle);

        Assert.Equal(2, calls);
        Assert.Equal(2, _logger.Entries.Count(e => e.Id.Id == 2009));
        Assert.Equal(["a", "b"], Names(_cache.Snapshot.Pools));
    }

    [Fact]
    public async Task StopAsync_EndsEveryLoop()
    {
        _pools.List("1").WatchOpen();
        _services.FailList(new HttpRequestException("Connection refused"));
        await _cache.StartAsync(CancellationToken.None);
        await Task.WhenAll(_pools.Idle, _services.Idle);

        await _cache.StopAsync(CancellationToken.None);

        Assert.True(_cache.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Cache_WithoutSources_IsSyncedAtOnce()
    {
        using var cache = new ClusterObjectCache([], new KindReflectorSettings(), _logger);

        await cache.WaitForSyncAsync(CancellationToken.None);

        Assert.True(cache.IsSynced);
        Assert.Equal(0, cache.Snapshot.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Constructor_WithoutNamespace_FailsNamingTheOption(string ns)
    {
        var client = UnreachableClient();

        var error = Assert.ThrowsAny<ArgumentException>(() =>
            new ClusterObjectCache(client, new ClusterObjectCacheOptions { Namespace = ns }));

        Assert.Contains("ClusterObjectCacheOptions.Namespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WithNonPositiveWatchTimeout_Fails()
    {
        var client = UnreachableClient();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ClusterObjectCache(client, new ClusterObjectCacheOptions { WatchTimeout = TimeSpan.Zero }));
    }

    [Fact]
    public void Snapshot_BeforeStart_IsEmptyAndNotSynced()
    {
        Assert.Equal(new ConfigSource().Count, _cache.Snapshot.Count);
        Assert.False(_cache.IsSynced);
        Assert.Equal(0, _cache.Version);
    }

    public void Dispose()
    {
        _cache.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _cache.Dispose();
    }

    internal static IKubernetes UnreachableClient() =>
        new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
}
