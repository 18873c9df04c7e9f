using System.Net;
using k8s.Autorest;
using MetalLb.Kubernetes.Caching;
using Microsoft.Extensions.Logging;
using static MetalLb.Kubernetes.Tests.Caching.TestObjects;

namespace MetalLb.Kubernetes.Tests.Caching;

public sealed class KindReflectorTests : IAsyncDisposable
{
    private static readonly TimeSpan Ms100 = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Ms200 = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Ms400 = TimeSpan.FromMilliseconds(400);

    private readonly FakeKindSource _source = new(CachedKind.IpAddressPool);
    private readonly ClusterObjectStore _store = new();
    private readonly RecordingDelay _delay = new();
    private readonly ListLogger _logger = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly KindReflector _reflector;
    private Task? _run;
    private int _changes;
    private int _synced;

    public KindReflectorTests()
    {
        var settings = new KindReflectorSettings { Delay = _delay.DelayAsync, MinHealthyWatch = TimeSpan.MaxValue };
        _reflector = new KindReflector(
            _source, _store, _logger, settings, () => Interlocked.Increment(ref _changes), () => Interlocked.Increment(ref _synced));
    }

    [Fact]
    public async Task Run_ListsThenWatchesFromTheListResourceVersion()
    {
        _source.List("10", Pool("a", "9"))
            .WatchOpen(
                WatchItem.Upserted(Pool("b", "11")),
                WatchItem.Deleted($"{Namespace}/a", "12"),
                WatchItem.Bookmark("15"));

        await RunUntilIdleAsync();

        Assert.Equal(["10"], _source.WatchVersions);
        Assert.Equal(["b"], Names(_store.Snapshot.Pools));
        Assert.Equal("15", _reflector.ResourceVersion);
        Assert.Equal(3, _changes);
        Assert.Equal(3, _store.Version);
        Assert.Equal(1, _synced);
        Assert.Empty(_delay.Delays);
    }

    [Fact]
    public async Task Run_WatchEndsAfterEvents_ResumesFromTheLastSeenVersionWithoutRelisting()
    {
        _source.List("10").Watch(WatchItem.Upserted(Pool("a", "11"))).WatchOpen();

        await RunUntilIdleAsync();

        Assert.Equal(1, _source.ListCalls);
        Assert.Equal(["10", "11"], _source.WatchVersions);
        Assert.Empty(_delay.Delays);
    }

    [Fact]
    public async Task Run_WatchEndsAtOnceWithoutEvents_ResumesAfterAGrowingBackoff()
    {
        _source.List("10").Watch().Watch().WatchOpen();

        await RunUntilIdleAsync();

        Assert.Equal(1, _source.ListCalls);
        Assert.Equal(["10", "10", "10"], _source.WatchVersions);
        Assert.Equal([Ms100, Ms200], _delay.Delays);
    }

    [Fact]
    public async Task Run_WatchExpired_RelistsAndWatchesFromTheNewList()
    {
        _source.List("10", Pool("a", "1"), Pool("b", "2"))
            .Watch(WatchItem.Upserted(Pool("c", "11")), WatchItem.Failed(410, "too old resource version: 10 (20)", expired: true))
            .List("20", Pool("a", "1"), Pool("c", "11"))
            .WatchOpen();

        await RunUntilIdleAsync();

        Assert.Equal(2, _source.ListCalls);
        Assert.Equal(["10", "20"], _source.WatchVersions);
        Assert.Equal(["a", "c"], Names(_store.Snapshot.Pools));
        Assert.Empty(_delay.Delays);
        Assert.Contains(_logger.Entries, e => e.Id.Id == 2004);
    }

    [Fact]
    public async Task Run_WatchRequestAnsweredWithGone_RelistsAfterABackoff()
    {
        var gone = new HttpOperationException("Gone")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.Gone), ""),
        };
        _source.List("10").Watch(new WatchScript([]) { FailAtStart = gone }).List("30").WatchOpen();

        await RunUntilIdleAsync();

        Assert.Equal(2, _source.ListCalls);
        Assert.Equal(["10", "30"], _source.WatchVersions);
        Assert.Equal([Ms100], _delay.Delays);
    }

    [Fact]
    public async Task Run_ConnectionErrors_RetryWithBackoffAndRelist()
    {
        var refused = new HttpRequestException("Connection refused");
        _source.FailList(refused).FailList(refused).FailList(refused)
            .List("10", Pool("a", "1"))
            .Watch(new WatchScript([WatchItem.Upserted(Pool("b", "11"))]) { FailAtEnd = new IOException("reset by peer") })
            .List("12", Pool("a", "1"), Pool("b", "11"), Pool("c", "12"))
            .WatchOpen();

        await RunUntilIdleAsync();

        Assert.Equal(5, _source.ListCalls);
        Assert.Equal(["10", "12"], _source.WatchVersions);
        Assert.Equal([Ms100, Ms200, Ms400, Ms100], _delay.Delays);
        Assert.Equal(["a", "b", "c"], Names(_store.Snapshot.Pools));
        Assert.Equal(4, _logger.Entries.Count(e => e.Id.Id == 2007));
    }

    [Fact]
    public async Task Run_UnexpectedFailure_IsLoggedWithItsExceptionAndRetried()
    {
        _source.FailList(new InvalidOperationException("bug")).List("1").WatchOpen();

        await RunUntilIdleAsync();

        Assert.Equal(2, _source.ListCalls);
        Assert.Equal([Ms100], _delay.Delays);
        Assert.Contains(_logger.Entries, e => e.Id.Id == 2010 && e.Level == LogLevel.Warning);
        Assert.DoesNotContain(_logger.Entries, e => e.Id.Id == 2007);
    }

    [Fact]
    public async Task Run_ErrorStatusOtherThanGone_RelistsAfterABackoff()
    {
        _source.List("10").Watch(WatchItem.Failed(500, "etcdserver: leader changed", expired: false)).List("11").WatchOpen();

        await RunUntilIdleAsync();

        Assert.Equal(2, _source.ListCalls);
        Assert.Equal([Ms100], _delay.Delays);
        Assert.Contains(_logger.Entries, e => e.Id.Id == 2007
            && e.Message.StartsWith("IPAddressPool list/watch failed: watch error 500: etcdserver: leader changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_UnreadableObjects_AreLoggedAndSkipped_KeepingTheLastReadableVersion()
    {
        _source.List("10", Pool("a", "1", "10.0.0.0/24"))
            .Watch(
                WatchItem.Malformed($"{Namespace}/a", "11", "spec.autoAssign: expected boolean"),
                WatchItem.Malformed(null, null, "not JSON"),
                WatchItem.Upserted(Pool("b", "12")),
                WatchItem.Failed(410, "too old resource version", expired: true))
            .List(() => new KindList("13", [Pool("b", "12")])
            {
                Malformed = [WatchItem.Malformed($"{Namespace}/a", "11", "spec.autoAssign: expected boolean")],
            })
            .WatchOpen();

        await RunUntilIdleAsync();

        Assert.Equal(["a", "b"], Names(_store.Snapshot.Pools));
        Assert.Equal("1", _store.Snapshot.Pools[0].Metadata.ResourceVersion);
        Assert.Equal(["10", "13"], _source.WatchVersions);
        Assert.Equal(3, _logger.Entries.Count(e => e.Id.Id == 2008));
    }

    [Fact]
    public async Task Run_SyncedOnlyOnceAfterTheFirstSuccessfulList()
    {
        _source.FailList(new HttpRequestException("Connection refused"));

        await RunUntilIdleAsync();
        var beforeList = _synced;
        _source.List("1").Watch(WatchItem.Failed(410, "expired", expired: true)).List("2").WatchOpen();
        await _source.Idle;

        Assert.Equal(0, beforeList);
        Assert.Equal(1, _synced);
        Assert.Equal(3, _source.ListCalls);
    }

    [Fact]
    public async Task Run_Cancelled_EndsWithoutError()
    {
        _source.List("1").WatchOpen();
        await RunUntilIdleAsync();

        await _stop.CancelAsync();

        await _run!.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(_run.IsCompletedSuccessfully);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(20));
        }

        _stop.Dispose();
    }

    private Task RunUntilIdleAsync()
    {
        _run ??= _reflector.RunAsync(_stop.Token);
        return _source.Idle;
    }
}
