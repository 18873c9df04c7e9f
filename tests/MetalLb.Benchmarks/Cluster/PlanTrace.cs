using System.Diagnostics;

namespace MetalLb.Benchmarks.Cluster;

/// <summary>
/// The Stopwatch timestamps of one Service on its way from the create call to an announcer: each is set once, by
/// whichever thread sees that step first (the create loop, the allocator's cache, its publisher, the consumer).
/// </summary>
internal sealed class PlanTrace(string serviceKey)
{
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _createStart;
    private long _createReturned;
    private long _cacheSeen;
    private long _handed;
    private long _published;
    private long _receivedAt;

    public string ServiceKey => serviceKey;

    public Task Done => _received.Task;

    public bool CacheSeen => Volatile.Read(ref _cacheSeen) != 0;

    public void MarkCreateStart() => Mark(ref _createStart);

    public void MarkCreateReturned() => Mark(ref _createReturned);

    public void MarkCacheSeen() => Mark(ref _cacheSeen);

    public void MarkHanded() => Mark(ref _handed);

    public void MarkPublished() => Mark(ref _published);

    public void MarkReceived()
    {
        Mark(ref _receivedAt);
        _received.TrySetResult();
    }

    /// <summary>The measured segments in milliseconds, keyed by <see cref="Segment"/>.</summary>
    public IReadOnlyDictionary<Segment, double> Segments() => new Dictionary<Segment, double>
    {
        [Segment.CreateCall] = Between(_createStart, _createReturned),
        [Segment.CreateReturnedToCache] = Between(_createReturned, _cacheSeen),
        [Segment.CacheToHanded] = Between(_cacheSeen, _handed),
        [Segment.CacheToPublished] = Between(_cacheSeen, _published),
        [Segment.HandedToReceived] = Between(_handed, _receivedAt),
        [Segment.CacheToReceived] = Between(_cacheSeen, _receivedAt),
        [Segment.CreateReturnedToReceived] = Between(_createReturned, _receivedAt),
        [Segment.CreateStartToReceived] = Between(_createStart, _receivedAt),
    };

    private static void Mark(ref long field) => Interlocked.CompareExchange(ref field, Stopwatch.GetTimestamp(), 0);

    private static double Between(long from, long to) =>
        from == 0 || to == 0 ? double.NaN : Stopwatch.GetElapsedTime(from, to).TotalMilliseconds * (to >= from ? 1 : -1);
}
