using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MetalLb.Kubernetes.Caching;

/// <summary>
/// Keeps one kind of the <see cref="ClusterObjectStore"/> in step with the API server, as client-go's reflector does:
/// list, then watch from the list's resourceVersion; resume a watch that ends from the last resourceVersion seen;
/// relist on 410 Gone; on any other failure wait a backoff and relist, so nothing changed meanwhile is missed.
/// </summary>
internal sealed class KindReflector(
    IKindSource source,
    ClusterObjectStore store,
    ILogger logger,
    KindReflectorSettings settings,
    Action changed,
    Action synced)
{
    private readonly ExponentialBackoff _backoff = new(settings.InitialBackoff, settings.MaxBackoff);
    private readonly string _kindName = source.Kind.KindName();
    private bool _listed;

    public CachedKind Kind => source.Kind;

    /// <summary>The newest resourceVersion seen (from the last list, or an event or bookmark after it).</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; never fails otherwise.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                TimeSpan delay;
                try
                {
                    await ListAsync(cancellationToken).ConfigureAwait(false);
                    await WatchUntilExpiredAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    delay = _backoff.Next();
                    LogFailure(ex, delay);
                }

                await settings.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var list = await source.ListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var item in list.Malformed)
        {
            ClusterObjectCacheLog.Malformed(logger, _kindName, item.Key, item.ResourceVersion, item.Problem);
        }

        if (store.Replace(Kind, list.Objects, list.Malformed.Select(m => m.Key).OfType<string>()))
        {
            changed();
        }

        ResourceVersion = list.ResourceVersion;
        ClusterObjectCacheLog.Listed(logger, list.Objects.Count, _kindName, ResourceVersion);
        if (!_listed)
        {
            _listed = true;
            ClusterObjectCacheLog.KindSynced(logger, _kindName);
            synced();
        }
    }

    /// <summary>Watches, resuming each time a watch ends, until the resourceVersion expires; failures are thrown.</summary>
    private async Task WatchUntilExpiredAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var (expired, events) = await WatchOnceAsync(cancellationToken).ConfigureAwait(false);
            if (expired)
            {
                ClusterObjectCacheLog.WatchExpired(logger, _kindName, ResourceVersion);
                if (events == 0)
                {
                    // A relist that is answered by another 410 at once must not turn into a tight loop.
                    await settings.Delay(_backoff.Next(), cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            if (events > 0 || Stopwatch.GetElapsedTime(started) >= settings.MinHealthyWatch)
            {
                _backoff.Reset();
                ClusterObjectCacheLog.WatchEnded(logger, _kindName, ResourceVersion);
                continue;
            }

            // The server (or something in between) closes watches at once: resume, but not in a tight loop.
            var delay = _backoff.Next();
            ClusterObjectCacheLog.WatchEndedEarly(logger, _kindName, ResourceVersion, delay);
            await settings.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(bool Expired, int Events)> WatchOnceAsync(CancellationToken cancellationToken)
    {
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(settings.WatchTimeout + settings.WatchGrace);
        var timeoutSeconds = (int)Math.Max(1, Math.Ceiling(settings.WatchTimeout.TotalSeconds));
        var events = 0;
        try
        {
            await foreach (var item in source.WatchAsync(ResourceVersion, timeoutSeconds, watchdog.Token)
                .WithCancellation(watchdog.Token).ConfigureAwait(false))
            {
                if (item.Type == WatchItemType.Failed)
                {
                    return item.Expired
                        ? (true, events)
                        : throw new WatchFailedException($"watch error {item.StatusCode}: {item.Problem}");
                }

                events++;
                _backoff.Reset();
                Apply(item);
            }

            return (false, events);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WatchFailedException($"watch still open {settings.WatchTimeout + settings.WatchGrace} after it started", ex);
        }
        catch (Exception ex) when (ApiErrors.IsExpired(ex))
        {
            return (true, events);
        }
    }

    /// <summary>An API server that is down or restarting is expected: one line, without a stack trace.</summary>
    private void LogFailure(Exception exception, TimeSpan delay)
    {
        if (!ApiErrors.IsTransient(exception))
        {
            ClusterObjectCacheLog.ListWatchFailedUnexpectedly(logger, exception, _kindName, delay);
        }
        else if (logger.IsEnabled(LogLevel.Warning))
        {
            var error = exception.InnerException is { } inner ? $"{exception.Message} ({inner.Message})" : exception.Message;
            ClusterObjectCacheLog.ListWatchFailed(logger, _kindName, error, delay);
        }
    }

    private void Apply(WatchItem item)
    {
        var applied = item.Type switch
        {
            WatchItemType.Upserted => store.Upsert(Kind, item.Object!),
            WatchItemType.Deleted => store.Remove(Kind, item.Key!),
            _ => false,
        };

        if (item.Type == WatchItemType.Malformed)
        {
            ClusterObjectCacheLog.Malformed(logger, _kindName, item.Key, item.ResourceVersion, item.Problem);
        }

        if (!string.IsNullOrEmpty(item.ResourceVersion))
        {
            ResourceVersion = item.ResourceVersion;
        }

        if (applied)
        {
            changed();
        }
    }
}
