using MetalLb.Kubernetes.Caching;
using Microsoft.Extensions.Logging;

namespace MetalLb.IntegrationTests.Caching;

/// <summary>A logger for <see cref="ClusterObjectCache"/> that keeps every entry, so a test can tell how the cache recovered.</summary>
internal sealed class RecordingLogger : ILogger<ClusterObjectCache>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly List<(EventId Id, string Message)> _entries = [];
    private readonly List<(Func<(EventId Id, string Message), bool> Predicate, int From, TaskCompletionSource<int> Seen)> _waiters = [];

    public IReadOnlyList<(EventId Id, string Message)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = (eventId, formatter(state, exception));
        lock (_lock)
        {
            _entries.Add(entry);
            foreach (var waiter in _waiters.Where(w => _entries.Count - 1 >= w.From && w.Predicate(entry)))
            {
                waiter.Seen.TrySetResult(_entries.Count - 1);
            }
        }
    }

    /// <summary>
    /// The index in <see cref="Entries"/> of the first entry at or after <paramref name="from"/> that matches
    /// <paramref name="predicate"/>, once it has been logged; awaits the entry rather than polling for it.
    /// </summary>
    public async Task<int> WaitForAsync(Func<(EventId Id, string Message), bool> predicate, string what, int from = 0)
    {
        var seen = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (predicate, from, seen);
        lock (_lock)
        {
            var index = _entries.FindIndex(from, e => predicate(e));
            if (index >= 0)
            {
                return index;
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await seen.Task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"the cache never logged {what}\n" + string.Join('\n', Entries.Select(e => $"{e.Id.Id} {e.Message}")));
        }
        finally
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }
        }
    }
}
