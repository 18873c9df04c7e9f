using MetalLb.Contracts;
using MetalLb.Hosting.Plans;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>One simulated announcer node: the plan book its consumer fills, and waits on the book's state.</summary>
public sealed class AnnouncerNode(string name)
{
    private readonly Lock _lock = new();
    private readonly List<(Func<PlanBook, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public string Name => name;

    public PlanBook Book { get; } = new();

    public void Apply(AnnouncementPlan plan)
    {
        Book.Apply(plan);
        Changed();
    }

    public void Apply(AnnouncementWithdrawn withdrawn)
    {
        Book.Apply(withdrawn);
        Changed();
    }

    /// <summary>Completes when <paramref name="condition"/> holds for the book; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<PlanBook, bool> condition, TimeSpan timeout, string what)
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
                $"{name}: timed out waiting for {what}; book {Book.Digest()} with {string.Join(", ", Book.Plans.Select(p => $"{p.ServiceKey}@{p.Generation}"))}");
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
