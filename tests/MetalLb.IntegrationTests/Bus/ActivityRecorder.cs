using System.Diagnostics;
using MetalLb.Hosting.Telemetry;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>Records every activity of MassTransit, of ours (<c>MetalLb.*</c>) and of <see cref="Source"/> as it stops, and waits on what it has seen.</summary>
/// <remarks>
/// The listener is process-wide: tests running alongside add activities of their own, so callers filter by trace. It
/// listens to our sources too because whether they create activities at all depends on whether anything listens: a
/// host of another test with tracing on would otherwise put unrecorded allocator spans into the chain.
/// </remarks>
public sealed class ActivityRecorder : IDisposable
{
    public const string SourceName = "MetalLb.IntegrationTests.Bus";
    private readonly ActivityListener _listener;
    private readonly Lock _lock = new();
    private readonly List<Activity> _stopped = [];
    private readonly List<(Func<IReadOnlyList<Activity>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is MetalLbTelemetry.MassTransitSource or SourceName || s.Name.StartsWith("MetalLb.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The test's own source, for an activity around a publish.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>The stopped activities of one trace.</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId)
    {
        lock (_lock)
        {
            return [.. _stopped.Where(a => a.TraceId == traceId)];
        }
    }

    /// <summary>Completes once the stopped activities of <paramref name="traceId"/> satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<Activity>> WaitForTraceAsync(
        ActivityTraceId traceId, Func<IReadOnlyList<Activity>, bool> condition, TimeSpan timeout, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((all => condition([.. all.Where(a => a.TraceId == traceId)]), done));
            Notify();
        }

        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out waiting for {what} in trace {traceId}; seen: {Describe(Trace(traceId))}");
        }

        return Trace(traceId);
    }

    /// <summary>One line per activity: kind, name, span and parent span.</summary>
    public static string Describe(IEnumerable<Activity> activities) =>
        string.Join("; ", activities.Select(a => $"{a.Kind} '{a.DisplayName}' {a.SpanId}<-{a.ParentSpanId}{(a.HasRemoteParent ? " (remote)" : string.Empty)}"));

    public void Dispose() => _listener.Dispose();

    private void Stopped(Activity activity)
    {
        lock (_lock)
        {
            _stopped.Add(activity);
            Notify();
        }
    }

    private void Notify()
    {
        foreach (var waiter in _waiters.Where(w => w.Condition(_stopped)).ToArray())
        {
            waiter.Done.TrySetResult();
            _waiters.Remove(waiter);
        }
    }
}
