using MassTransit;
using MetalLb.Hosting.Bus;

namespace MetalLb.Hosting.Announcing;

/// <summary>
/// Keeps an agent's book whole: a snapshot when it starts and again whenever the agent asks (a digest mismatch).
/// Statuses that change on a snapshot are published like those of a plan. Each <see cref="ISnapshotObserver"/> (the
/// node's BGP peer set) takes every snapshot too, before the plans, and may ask for one the same way.
/// </summary>
public sealed class AnnouncerSync(IBus bus, AnnouncerAgent agent, IEnumerable<ISnapshotObserver>? observers = null) : IDisposable
{
    private readonly ISnapshotObserver[] _observers = [.. observers ?? []];
    private readonly SemaphoreSlim _requested = new(0, 1);
    private readonly TaskCompletionSource _initial = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose() => _requested.Dispose();

    /// <summary>Completes once the first snapshot is applied.</summary>
    public Task Initial => _initial.Task;

    /// <summary>Runs until cancelled: the first snapshot, then one per request.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        agent.ResyncRequested += OnRequested;
        foreach (var observer in _observers)
        {
            observer.ResyncRequested += OnObserverRequested;
        }

        try
        {
            while (true)
            {
                var snapshot = await AnnouncementSnapshots.RequestAsync(bus, agent.Node, cancellationToken).ConfigureAwait(false);
                foreach (var observer in _observers)
                {
                    await observer.ApplyAsync(snapshot, cancellationToken).ConfigureAwait(false);
                }

                foreach (var status in await agent.ReplaceAsync(snapshot, cancellationToken).ConfigureAwait(false))
                {
                    await bus.Publish(status, cancellationToken).ConfigureAwait(false);
                }

                _initial.TrySetResult();
                await _requested.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            agent.ResyncRequested -= OnRequested;
            foreach (var observer in _observers)
            {
                observer.ResyncRequested -= OnObserverRequested;
            }
        }
    }

    private void OnRequested(AnnouncerAgent _) => OnObserverRequested();

    private void OnObserverRequested()
    {
        try
        {
            if (_requested.CurrentCount == 0)
            {
                _requested.Release();
            }
        }
        catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
        {
            // Already requested (one snapshot answers both), or stopping.
        }
    }
}
