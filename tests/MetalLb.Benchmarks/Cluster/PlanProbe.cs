using System.Collections.Concurrent;
using System.Diagnostics;
using MetalLb.Contracts;
using MetalLb.Domain.Config;

namespace MetalLb.Benchmarks.Cluster;

/// <summary>
/// Where the benchmarks watch plans go by: the Service being traced one at a time (bus-latency), and the distinct
/// Services whose plan was published and received with IPs (initial-sync). Thread-safe.
/// </summary>
internal sealed class PlanProbe
{
    private readonly ConcurrentDictionary<string, byte> _published = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _received = new(StringComparer.Ordinal);
    private volatile PlanTrace? _trace;
    private volatile TaskCompletionSource? _allReceived;
    private int _expected = int.MaxValue;
    private long _firstPublished;
    private long _lastPublished;
    private long _lastReceived;
    private long _messageBytes;
    private long _publishCalls;

    public int PublishedCount => _published.Count;

    public int ReceivedCount => _received.Count;

    /// <summary>Every plan publish, repeats of a Service included.</summary>
    public long PublishCalls => Interlocked.Read(ref _publishCalls);

    /// <summary>The size of the last plan message as the consumer's transport received it (0 when unknown).</summary>
    public long MessageBytes => Interlocked.Read(ref _messageBytes);

    public long FirstPublishedTimestamp => Interlocked.Read(ref _firstPublished);

    public long LastPublishedTimestamp => Interlocked.Read(ref _lastPublished);

    public long LastReceivedTimestamp => Interlocked.Read(ref _lastReceived);

    /// <summary>Starts tracing <paramref name="serviceKey"/>; set before the create call, so no step can come first.</summary>
    public PlanTrace Trace(string serviceKey)
    {
        var trace = new PlanTrace(serviceKey);
        _trace = trace;
        return trace;
    }

    /// <summary>Completes once plans with IPs for <paramref name="count"/> distinct Services have been received.</summary>
    public Task ExpectReceived(int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _allReceived = done;
        Volatile.Write(ref _expected, count);
        CheckReceived();
        return done.Task;
    }

    /// <summary>Called on every change of the allocator's cache: marks the traced Service once it is in the snapshot.</summary>
    public void CacheChanged(ConfigSource snapshot)
    {
        if (_trace is not { CacheSeen: false } trace)
        {
            return;
        }

        foreach (var service in snapshot.Services)
        {
            if (service.Key == trace.ServiceKey)
            {
                trace.MarkCacheSeen();
                return;
            }
        }
    }

    public void Handed(string serviceKey) => Traced(serviceKey)?.MarkHanded();

    public void Published(string serviceKey)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _publishCalls);
        Interlocked.CompareExchange(ref _firstPublished, now, 0);
        Interlocked.Exchange(ref _lastPublished, now);
        _published.TryAdd(serviceKey, 0);
        Traced(serviceKey)?.MarkPublished();
    }

    public void Received(AnnouncementPlan plan, long? bytes)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (bytes is > 0)
        {
            Interlocked.Exchange(ref _messageBytes, bytes.Value);
        }

        if (plan.Ips.Count == 0)
        {
            return;
        }

        Interlocked.Exchange(ref _lastReceived, Stopwatch.GetTimestamp());
        _received.TryAdd(plan.ServiceKey, 0);
        Traced(plan.ServiceKey)?.MarkReceived();
        CheckReceived();
    }

    private PlanTrace? Traced(string serviceKey) => _trace is { } trace && trace.ServiceKey == serviceKey ? trace : null;

    private void CheckReceived()
    {
        if (_received.Count >= Volatile.Read(ref _expected))
        {
            _allReceived?.TrySetResult();
        }
    }
}
