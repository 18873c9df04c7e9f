using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using MetalLb.Contracts;
using MetalLb.Hosting.Bus;
using MetalLb.Hosting.Plans;

namespace MetalLb.Hosting.Tests.Bus;

/// <summary>A simulated announcer: its plan book, the trace each plan arrived with, and waits on its state.</summary>
public sealed class AnnouncerNode(string name)
{
    private readonly Lock _lock = new();
    private readonly List<(Func<PlanBook, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private int _snapshots;

    public string Name => name;

    public PlanBook Book { get; } = new();

    /// <summary>The trace id current while the consumer handled each plan, by service key.</summary>
    public ConcurrentDictionary<string, ActivityTraceId> TraceIds { get; } = new();

    public int Snapshots => Volatile.Read(ref _snapshots);

    public Exception? LastResyncError { get; private set; }

    public void Apply(AnnouncementPlan plan)
    {
        if (Activity.Current is { } activity)
        {
            TraceIds[plan.ServiceKey] = activity.TraceId;
        }

        Book.Apply(plan);
        Changed();
    }

    public void Apply(AnnouncementWithdrawn withdrawn)
    {
        Book.Apply(withdrawn);
        Changed();
    }

    /// <summary>Asks the allocator for a snapshot and replaces the book with it.</summary>
    public async Task ResyncAsync(IBus bus)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var snapshot = await AnnouncementSnapshots.RequestAsync(bus, name, timeout.Token);
            Interlocked.Increment(ref _snapshots); // first, so whoever sees the new book sees the count too
            Book.Replace(snapshot);
            Changed();
        }
        catch (Exception e)
        {
            LastResyncError = e;
        }
    }

    /// <summary>Completes when <paramref name="condition"/> holds for the book; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<PlanBook, bool> condition, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, done));
        }

        Changed();
        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"{name} did not converge within {timeout}: book {Book.Digest()} with {string.Join(", ", Book.Plans.Select(p => $"{p.ServiceKey}@{p.Generation}"))}; last resync error: {LastResyncError?.Message}");
        }
    }

    private void Changed()
    {
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => w.Condition(Book)).ToArray())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
