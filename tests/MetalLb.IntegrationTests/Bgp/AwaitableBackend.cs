using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>A BGP backend that keeps the last peer list it was given and lets a test await one.</summary>
internal sealed class AwaitableBackend : IBgpBackend
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly Lock _lock = new();
    private readonly List<(Func<IReadOnlyList<ResolvedPeer>, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private IReadOnlyList<ResolvedPeer> _peers = [];

    public event Action<BgpPeerState>? SessionChanged
    {
        add { }
        remove { }
    }

    public IReadOnlyList<ResolvedPeer> Peers
    {
        get
        {
            lock (_lock)
            {
                return _peers;
            }
        }
    }

    public IReadOnlyList<BgpPeerState> Sessions => [];

    public Task SetPeersAsync(IReadOnlyList<ResolvedPeer> peers, IReadOnlyList<BfdProfileConfig> bfdProfiles, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _peers = peers;
            foreach (var waiter in _waiters.Where(w => w.Condition(peers)).ToArray())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes when the peers given (already, or later) satisfy <paramref name="condition"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<ResolvedPeer>, bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(_peers))
            {
                return;
            }

            _waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out waiting for {what}; the backend has [{string.Join(", ", Peers)}]");
        }
    }

    public Task AdvertiseAsync(RouteAdvertisement route, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WithdrawAsync(RouteAdvertisement route, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
