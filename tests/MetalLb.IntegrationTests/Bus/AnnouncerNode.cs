using MassTransit;
using MetalLb.Contracts;
using MetalLb.Hosting.Bus;
using MetalLb.Hosting.Plans;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>
/// One simulated announcer node: the plan book its consumer fills, the snapshot resync a real announcer does (on
/// start and when a <see cref="PlanDigest"/> disagrees with the book), and waits on the book's state.
/// </summary>
/// <remarks>The book outlives the node's host, so a node stopped and started again resumes from its old, stale book.</remarks>
public sealed class AnnouncerNode(string name, AnnouncerResync resync = AnnouncerResync.None)
{
    private static readonly TimeSpan ResyncTimeout = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly List<ConsumedPlan> _consumed = [];
    private int _resyncing;
    private int _resyncs;

    public string Name => name;

    public AnnouncerResync Resync => resync;

    public PlanBook Book { get; } = new();

    /// <summary>How many snapshots this node has applied with <see cref="PlanBook.Replace"/>.</summary>
    public int Resyncs => Volatile.Read(ref _resyncs);

    /// <summary>Every plan consumed so far, in order.</summary>
    public IReadOnlyList<ConsumedPlan> Consumed
    {
        get
        {
            lock (_lock)
            {
                return [.. _consumed];
            }
        }
    }

    public void Apply(AnnouncementPlan plan, ConsumedPlan consumed)
    {
        lock (_lock)
        {
            _consumed.Add(consumed);
        }

        Book.Apply(plan);
        Changed();
    }

    public void Apply(AnnouncementWithdrawn withdrawn)
    {
        Book.Apply(withdrawn);
        Changed();
    }

    /// <summary>Asks the allocator for a snapshot when <paramref name="digest"/> differs from the book and digests are followed.</summary>
    public async Task OnDigestAsync(IBus bus, PlanDigest digest, CancellationToken cancellationToken)
    {
        if (resync.HasFlag(AnnouncerResync.OnDigest) && Book.NeedsResync(digest))
        {
            await ResyncAsync(bus, cancellationToken);
        }
    }

    /// <summary>
    /// Requests a snapshot and makes the book its picture; false when none came in time (the next digest or the
    /// caller tries again). Digests keep arriving while a request is out; one resync at a time is enough, so a
    /// digest that finds one running does not start another.
    /// </summary>
    public async Task<bool> ResyncAsync(IBus bus, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _resyncing, 1) == 1)
        {
            return false;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ResyncTimeout);
            var snapshot = await AnnouncementSnapshots.RequestAsync(bus, name, timeout.Token);
            Interlocked.Increment(ref _resyncs); // first, so whoever sees the new book sees the count too
            Book.Replace(snapshot);
            Changed();
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            Volatile.Write(ref _resyncing, 0);
        }
    }

    /// <summary>Completes when <paramref name="condition"/> holds for the book; fails after <paramref name="timeout"/>.</summary>
    public Task WaitUntilAsync(Func<PlanBook, bool> condition, TimeSpan timeout, string what) =>
        WaitAsync(() => condition(Book), timeout, what);

    /// <summary>
    /// Completes once a plan for <paramref name="serviceKey"/> has come through the consumer (not a snapshot): a book
    /// that matches the ledger says nothing about that, since a digest and a snapshot may overtake the plan itself.
    /// </summary>
    public Task ConsumedAsync(string serviceKey, TimeSpan timeout) =>
        WaitAsync(() => _consumed.Exists(c => c.ServiceKey == serviceKey), timeout, $"a consumed plan for {serviceKey}");

    private async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what)
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
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }

            throw new TimeoutException(
                $"{name}: timed out waiting for {what}; book {Book.Digest()} with {string.Join(", ", Book.Plans.Select(p => $"{p.ServiceKey}@{p.Generation}"))}, {Resyncs} resyncs, consumed {string.Join(", ", Consumed.Select(c => $"{c.ServiceKey}@{c.Generation}"))}");
        }
    }

    private void Changed()
    {
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => w.Condition()).ToArray())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
