using System.Diagnostics;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;

namespace MetalLb.Allocator.Reconciliation;

public sealed partial class AllocatorReconciler
{
    private const string RetryMarker = "\0retry";
    private const int RestoreBatch = 256;

    /// <summary>Guards what <see cref="ApplyAsync"/> records, since a restore applies several Services at once.</summary>
    private readonly Lock _applyLock = new();

    /// <summary>
    /// Re-claims every IP already in a Service's status before any pending Service may be given one: the domain's
    /// <c>Restore</c> orders assigned Services first (METALLB-SPEC §3.7), so no IP is handed out twice across a restart.
    /// </summary>
    private async Task RestoreAsync(
        ConfigSource snapshot, Dictionary<string, ServiceInfo> services, HashSet<string> touched, CancellationToken cancellationToken)
    {
        var results = _allocator!.Restore(snapshot.Services);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.WriteConcurrency, CancellationToken = cancellationToken };
        foreach (var batch in results.Chunk(RestoreBatch))
        {
            // The decisions are made (in order, assigned Services first); only the writes run side by side.
            await Parallel.ForEachAsync(batch, parallel, (result, token) =>
                new ValueTask(ApplyAsync(services[result.ServiceKey], result, token))).ConfigureAwait(false);
            foreach (var result in batch)
            {
                touched.Add(result.ServiceKey);
            }

            // With thousands of Services to write, announcers get the plans of those done so far instead of waiting
            // for the last write; a plan goes out only once its Service's status is written.
            var written = batch.Select(r => r.ServiceKey).Where(k => _seen[k] != RetryMarker).ToArray();
            await PublishKeysAsync(written, snapshot, services, [], cancellationToken).ConfigureAwait(false);
        }

        IsRestored = true;
        if (logger.IsEnabled(LogLevel.Information))
        {
            var assigned = results.Count(r => r.Ips.Count > 0);
            AllocatorLog.Restored(logger, results.Count, assigned);
        }
    }

    private async Task ConvergeChangedAsync(
        Dictionary<string, ServiceInfo> services, IReadOnlyList<string> reprocess, HashSet<string> touched,
        CancellationToken cancellationToken)
    {
        var freed = false;
        foreach (var key in _seen.Keys.Where(k => !services.ContainsKey(k)).ToArray())
        {
            freed |= _allocator!.IpsOf(key).Count > 0;
            _allocator.Release(key);
            _seen.Remove(key);
            touched.Add(key);
            AllocatorLog.Released(logger, key);
        }

        var work = new SortedSet<string>(reprocess, StringComparer.Ordinal);
        foreach (var service in services.Values)
        {
            if (!_seen.TryGetValue(service.Key, out var version) || version != service.Metadata.ResourceVersion)
            {
                work.Add(service.Key);
            }
        }

        freed |= await ConvergeAsync(work, services, touched, cancellationToken).ConfigureAwait(false);

        // MetalLB reprocesses every pending Service whenever an IP is given back (METALLB-SPEC §2.8 note).
        if (freed && _allocator!.PendingServices.Count > 0)
        {
            await ConvergeAsync(_allocator.PendingServices, services, touched, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <returns>True when some Service gave its IPs back.</returns>
    private async Task<bool> ConvergeAsync(
        IEnumerable<string> keys, Dictionary<string, ServiceInfo> services, HashSet<string> touched, CancellationToken cancellationToken)
    {
        var freed = false;
        foreach (var key in keys)
        {
            if (!services.TryGetValue(key, out var service))
            {
                continue;
            }

            var before = _allocator!.IpsOf(key).Count;
            var result = _allocator.Converge(service);
            freed |= before > 0 && result.Ips.Count == 0;
            await ApplyAsync(service, result, cancellationToken).ConfigureAwait(false);
            touched.Add(key);
        }

        return freed;
    }

    /// <summary>Writes what changed and emits the Events; a failed write leaves the Service to the next pass.</summary>
    private async Task ApplyAsync(ServiceInfo service, AllocationResult result, CancellationToken cancellationToken)
    {
        // A pass that changes nothing for the Service (it sees the allocator's own status write) adds no span; a
        // plan it publishes still joins the trace of the write that caused it.
        var parent = AllocatorTelemetry.ParentOf(service.Metadata.Annotations);
        var acts = result.StatusChanged || result.Events.Count > 0 || result.Error is not null;
        using var activity = acts ? AllocatorTelemetry.Source.StartActivity($"reconcile {service.Key}", ActivityKind.Internal, parent) : null;
        if (activity is not null)
        {
            activity.SetTag(AllocatorTelemetry.ServiceTag, service.Key);
            activity.SetTag(AllocatorTelemetry.PoolTag, result.Pool);
            activity.SetTag(AllocatorTelemetry.IpsTag, string.Join(",", result.Ips));
            activity.SetTag(AllocatorTelemetry.OutcomeTag, result.Outcome.ToString());
            if (result.Error is { } error)
            {
                activity.SetStatus(ActivityStatusCode.Error, error);
            }
        }

        if (result.Outcome == AllocationOutcome.Allocated && result.Pool is { } pool)
        {
            Counts.Allocated(pool);
        }
        else if (result.Outcome == AllocationOutcome.Failed)
        {
            Counts.Failed(result.FailureReason ?? AllocationFailure.NoAvailableIps);
        }

        var context = activity?.Context ?? parent;
        if (context != default)
        {
            lock (_applyLock)
            {
                _traceParents[service.Key] = context;
            }
        }

        var written = true;
        if (result.StatusChanged)
        {
            try
            {
                await statusWriter.WriteAsync(service, result.Ips, result.Pool, cancellationToken).ConfigureAwait(false);
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var ips = string.Join(",", result.Ips);
                    AllocatorLog.StatusWritten(logger, service.Key, ips, result.Pool ?? "");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                written = false;
                AllocatorLog.StatusWriteFailed(logger, service.Key, ex);
            }
        }

        foreach (var e in result.Events)
        {
            try
            {
                await eventRecorder.RecordAsync(service, e, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                AllocatorLog.EventFailed(logger, service.Key, e.Reason, ex);
            }
        }

        // A Service whose write failed stays known (so its deletion still releases it) but never matches a version.
        lock (_applyLock)
        {
            _seen[service.Key] = written ? service.Metadata.ResourceVersion : RetryMarker;
            HasFailures |= !written;
        }
    }
}
