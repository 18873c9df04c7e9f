using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using MetalLb.Allocator.Bus;
using MetalLb.Kubernetes.Caching;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>
/// Runs the reconciler: waits for the cache to sync, takes part in the Lease election, and while leading runs one
/// pass per batch of cache changes. Only the leader writes or publishes; losing the lease cancels the pass in flight
/// and drops all state, so the next term starts again from Service status.
/// </summary>
public sealed class AllocatorWorker(
    ClusterObjectCache cache,
    AllocatorReconciler reconciler,
    IKubernetes client,
    AllocatorOptions options,
    ILogger<AllocatorWorker> logger)
    : BackgroundService, ILeadership
{
    private static readonly TimeSpan FailureRetry = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly string _identity = string.IsNullOrEmpty(options.Identity)
        ? $"{Environment.MachineName}-{Guid.NewGuid():N}"
        : options.Identity;

    private CancellationTokenSource? _term;
    private volatile bool _resetPending;
    private long _passes;

    /// <summary>True while this instance holds the Lease (or always, with leader election off).</summary>
    public bool IsLeader => Volatile.Read(ref _term) is not null;

    /// <summary>Leading, and this term's first full pass has published every plan.</summary>
    public bool IsAuthoritative => IsLeader && reconciler.HasPublishedAll;

    /// <summary>This replica's identity in the Lease.</summary>
    public string Identity => _identity;

    /// <summary>Completed reconcile passes; tests wait on it.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Asks for a pass soon though the cache did not change (the BGP password key did).</summary>
    public void RequestPass() => Signal();

    public override void Dispose()
    {
        _signal.Dispose();
        Interlocked.Exchange(ref _term, null)?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        cache.Changed += Signal;
        try
        {
            await cache.WaitForSyncAsync(stoppingToken).ConfigureAwait(false);
            var election = options.LeaderElection ? RunElectionAsync(stoppingToken) : StartTermAsync(stoppingToken);
            await LoopAsync(stoppingToken).ConfigureAwait(false);
            await election.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            cache.Changed -= Signal;
            StopTerm();
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var wait = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            await _signal.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            if (_resetPending)
            {
                _resetPending = false;
                reconciler.Reset();
            }

            var term = Volatile.Read(ref _term);
            if (term is null)
            {
                wait = options.ResyncPeriod;
                continue;
            }

            try
            {
                await reconciler.ReconcileAsync(cache.Snapshot, term.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (term.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                reconciler.Reset();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                AllocatorLog.PassFailed(logger, ex);
                reconciler.Reset();
            }

            Interlocked.Increment(ref _passes);
            wait = reconciler.HasFailures ? FailureRetry : options.ResyncPeriod;
        }
    }

    private async Task RunElectionAsync(CancellationToken stoppingToken)
    {
        var config = new LeaderElectionConfig(new LeaseLock(client, options.Namespace, options.LeaseName, _identity))
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var elector = new LeaderElector(config))
            {
                elector.OnStartedLeading += () => StartTerm(stoppingToken);
                elector.OnStoppedLeading += StopTerm;
                elector.OnError += ex => AllocatorLog.ElectionFailed(logger, ex);
                try
                {
                    await elector.RunUntilLeadershipLostAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    AllocatorLog.ElectionFailed(logger, ex);
                }
            }

            StopTerm();
            await Task.Delay(options.RetryPeriod, stoppingToken).ConfigureAwait(false);
        }
    }

    private Task StartTermAsync(CancellationToken stoppingToken)
    {
        StartTerm(stoppingToken);
        return Task.CompletedTask;
    }

    private void StartTerm(CancellationToken stoppingToken)
    {
        var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Interlocked.Exchange(ref _term, term)?.Cancel();
        _resetPending = true;
        AllocatorLog.StartedLeading(logger, _identity);
        Signal();
    }

    private void StopTerm()
    {
        if (Interlocked.Exchange(ref _term, null) is not { } term)
        {
            return;
        }

        // Not disposed: the pass in flight may still read its token; cancelling is what stops its writes.
        term.Cancel();
        _resetPending = true;
        AllocatorLog.StoppedLeading(logger, _identity);
        Signal();
    }

    private void Signal()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
        {
            // Another change already woke the loop, or the host is stopping: nothing to add.
        }
    }
}
