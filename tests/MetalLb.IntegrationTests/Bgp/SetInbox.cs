using MetalLb.Contracts;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>Peer sets received by a test endpoint, and waits on them.</summary>
internal sealed class SetInbox
{
    private readonly Lock _lock = new();
    private readonly List<BgpPeerSet> _sets = [];
    private readonly List<(Func<BgpPeerSet, bool> Match, TaskCompletionSource<BgpPeerSet> Done)> _waiters = [];

    public Task Add(BgpPeerSet set)
    {
        lock (_lock)
        {
            _sets.Add(set);
            foreach (var waiter in _waiters.Where(w => w.Match(set)).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(set);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The first set received (already, or later) that matches.</summary>
    public async Task<BgpPeerSet> WaitForAsync(Func<BgpPeerSet, bool> match, TimeSpan timeout)
    {
        TaskCompletionSource<BgpPeerSet> done;
        lock (_lock)
        {
            if (_sets.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            done = new TaskCompletionSource<BgpPeerSet>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                throw new TimeoutException(
                    $"no matching peer set within {timeout}; received {string.Join(", ", _sets.Select(s => $"{s.Node}@{s.Generation}[{string.Join(",", s.Peers.Select(p => p.Name))}]"))}");
            }
        }
    }
}
