using System.Diagnostics;

namespace MetalLb.Announcer.Frr;

public sealed partial class FrrBgpBackend
{
    private string? _applied;
    private FrrRenderResult? _rendered;
    private string _reported = "";
    private long _applies;
    private long _failures;
    private long _unchanged;
    private long _applyGeneration;
    private ITimer? _timer;
    private Task _running = Task.CompletedTask;
    private bool _scheduled;
    private bool _dirty;

    /// <summary>Reloads that changed FRR's configuration.</summary>
    public long Applies => Interlocked.Read(ref _applies);

    /// <summary>Reloads that failed (each is retried).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Debounced changes whose rendering equalled what FRR runs, so nothing was reloaded.</summary>
    public long UnchangedRenders => Interlocked.Read(ref _unchanged);

    /// <summary>
    /// The debounce: the first change after a quiet period arms the timer, later ones ride along (they do not push it
    /// back), and the rendering when it fires is applied. A failed attempt re-arms it with the retry interval; changes
    /// that arrive while an attempt runs arm it again once the attempt is over. The timer is armed on the caller's
    /// thread, so the window starts at the change itself.
    /// </summary>
    private void Changed()
    {
        lock (_gate)
        {
            _dirty = true;
            if (_peersKnown && !_scheduled && !_stop.IsCancellationRequested)
            {
                _scheduled = true;
                Arm(_options.Debounce);
            }
        }
    }

    private void Arm(TimeSpan due)
    {
        _timer?.Dispose();
        _timer = _time.CreateTimer(_ => Start(), null, due, Timeout.InfiniteTimeSpan);
    }

    private void Start()
    {
        lock (_gate)
        {
            if (!_stop.IsCancellationRequested)
            {
                _running = RunAttemptAsync(_stop.Token);
            }
        }
    }

    private async Task RunAttemptAsync(CancellationToken token)
    {
        await Task.Yield();
        bool applied;
        try
        {
            applied = await TryApplyAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }

        lock (_gate)
        {
            if (token.IsCancellationRequested)
            {
                return;
            }

            if (!applied)
            {
                Arm(_options.RetryInterval);
            }
            else if (_dirty)
            {
                Arm(_options.Debounce);
            }
            else
            {
                _scheduled = false;
            }
        }
    }

    /// <summary>One attempt; false when it must be retried.</summary>
    private async Task<bool> TryApplyAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Changes until now are in this rendering; later ones arm the timer again when this attempt is over.
            _dirty = false;
        }

        var state = Snapshot();
        var started = Stopwatch.GetTimestamp();
        FrrRenderResult rendered;
        try
        {
            rendered = FrrConfigRenderer.Render(state);
            lock (_gate)
            {
                _rendered = rendered;
            }

            RefreshSessions();
            if (rendered.Text == Volatile.Read(ref _applied))
            {
                Interlocked.Increment(ref _unchanged);
                FrrLog.Unchanged(_logger);
                Report(FrrApplyOutcome.Unchanged, null);
                return true;
            }

            ReportProblems(rendered);
            await _control.ApplyAsync(rendered.Text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
            FrrLog.ApplyFailed(_logger, _options.RetryInterval, e);
            Report(FrrApplyOutcome.Failed, e.Message);
            return false;
        }

        Volatile.Write(ref _applied, rendered.Text);
        Interlocked.Increment(ref _applyGeneration);
        Interlocked.Increment(ref _applies);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        FrrLog.Applied(_logger, state.Peers.Count - rendered.SkippedPeers.Count, state.Routes.Count, rendered.Text.Length, elapsed);
        Report(FrrApplyOutcome.Applied, null);
        return true;
    }

    /// <summary>Logs what was left out, once per different set (retries and unrelated changes do not repeat it).</summary>
    private void ReportProblems(FrrRenderResult rendered)
    {
        var key = string.Join('\n', rendered.SkippedPeers.Select(s => $"{s.Peer}: {s.Reason}").Concat(rendered.Problems));
        if (key == _reported)
        {
            return;
        }

        _reported = key;
        foreach (var skipped in rendered.SkippedPeers)
        {
            FrrLog.PeerSkipped(_logger, skipped.Peer, skipped.Reason);
        }

        foreach (var problem in rendered.Problems)
        {
            FrrLog.Problem(_logger, problem);
        }
    }

    private void Report(FrrApplyOutcome outcome, string? error)
    {
        try
        {
            ApplyAttempted?.Invoke(new FrrApplyAttempt(outcome, error, Applies, Failures, UnchangedRenders));
        }
        catch (Exception e)
        {
            FrrLog.LoopFailed(_logger, "apply-event", e);
        }
    }

    /// <summary>FRR lost what it ran (restarted with another configuration): the next attempt reloads even an unchanged rendering.</summary>
    private void Forget(long generation)
    {
        if (Interlocked.CompareExchange(ref _applyGeneration, generation + 1, generation) == generation)
        {
            Volatile.Write(ref _applied, null);
            Changed();
        }
    }
}
