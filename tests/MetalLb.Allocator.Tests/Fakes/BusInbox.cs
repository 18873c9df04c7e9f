namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>Every message the test consumer received, and waits on them.</summary>
internal sealed class BusInbox
{
    private readonly Lock _lock = new();
    private readonly List<object> _messages = [];
    private readonly List<(Func<object, bool> Match, TaskCompletionSource<object> Done)> _waiters = [];

    public void Add(object message)
    {
        lock (_lock)
        {
            _messages.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Match(message)).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(message);
            }
        }
    }

    /// <summary>The first message of type <typeparamref name="T"/> that matches, received already or later.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan timeout)
    {
        bool Matches(object m) => m is T t && match(t);
        TaskCompletionSource<object> done;
        lock (_lock)
        {
            if (_messages.FirstOrDefault(Matches) is T found)
            {
                return found;
            }

            done = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Matches, done));
        }

        return (T)await done.Task.WaitAsync(timeout);
    }
}
