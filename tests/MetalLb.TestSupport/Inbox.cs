namespace MetalLb.TestSupport;

/// <summary>
/// Items a test endpoint received (bus messages, peer sets, …), and awaitable waits on them: a wait returns the first
/// matching item received already or later, so a test never sleeps and never misses an early arrival.
/// </summary>
/// <param name="describe">How an item is shown in the timeout message that lists everything received.</param>
public sealed class Inbox<T>(Func<T, string>? describe = null)
    where T : notnull
{
    private readonly Lock _lock = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> _waiters = [];

    public void Add(T item)
    {
        lock (_lock)
        {
            _items.Add(item);
            foreach (var waiter in _waiters.Where(w => w.Match(item)).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(item);
            }
        }
    }

    /// <summary>The first item that matches, received already or later.</summary>
    public Task<T> WaitForAsync(Func<T, bool> match, TimeSpan timeout) => WaitForAsync<T>(match, timeout);

    /// <summary>The first item of type <typeparamref name="TItem"/> that matches, received already or later.</summary>
    /// <exception cref="TimeoutException">None arrived within <paramref name="timeout"/>; the message lists what did.</exception>
    public async Task<TItem> WaitForAsync<TItem>(Func<TItem, bool> match, TimeSpan timeout)
        where TItem : T
    {
        bool Matches(T item) => item is TItem t && match(t);
        TaskCompletionSource<T> done;
        lock (_lock)
        {
            if (_items.FirstOrDefault(Matches) is TItem found)
            {
                return found;
            }

            done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Matches, done));
        }

        try
        {
            return (TItem)await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Done == done);
                var show = describe ?? (item => item.ToString() ?? typeof(T).Name);
                throw new TimeoutException(
                    $"no matching {typeof(TItem).Name} within {timeout}; received {string.Join(", ", _items.Select(show))}");
            }
        }
    }
}
