using System.Diagnostics;
using System.Text;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Announcement;
using MetalLb.Domain.Config;

namespace MetalLb.Allocator.Reconciliation;

public sealed partial class AllocatorReconciler
{
    private readonly Dictionary<string, AnnouncementPlan> _plans = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PoolUsage> _poolStatus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityContext> _traceParents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unpublished = new(StringComparer.Ordinal);
    private string? _topologyFingerprint;

    /// <summary>
    /// Publishes the plan of every Service whose plan may have changed: the touched ones, or all of them when the
    /// configuration, the Nodes or the EndpointSlices changed. Unchanged plans are not sent again. A full pass also
    /// withdraws what the publisher still holds from an earlier term for a Service that is gone.
    /// </summary>
    private async Task PublishPlansAsync(
        ConfigSource snapshot, Dictionary<string, ServiceInfo> services, HashSet<string> touched, bool configChanged,
        CancellationToken cancellationToken)
    {
        var topology = TopologyFingerprint(snapshot);
        var everything = configChanged || topology != _topologyFingerprint;
        _topologyFingerprint = topology;
        var published = everything ? planPublisher.PublishedKeys.ToHashSet(StringComparer.Ordinal) : [];
        // A Service whose last publish failed is tried again on every pass until it goes out, not only on a full one.
        var keys = everything
            ? services.Keys.Concat(_plans.Keys).Concat(published).Concat(_unpublished).Distinct(StringComparer.Ordinal).ToArray()
            : [.. touched.Concat(_unpublished).Distinct(StringComparer.Ordinal)];
        if (keys.Length == 0)
        {
            return;
        }

        await PublishKeysAsync(keys, snapshot, services, published, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Plans and publishes the given Services (a withdrawal for those without IPs that were announced); a plan equal to
    /// the one last published is not sent again.
    /// </summary>
    private async Task PublishKeysAsync(
        IEnumerable<string> keys, ConfigSource snapshot, Dictionary<string, ServiceInfo> services, HashSet<string> published,
        CancellationToken cancellationToken)
    {
        var slices = snapshot.EndpointSlices
            .Where(s => s.ServiceName is not null)
            .ToLookup(s => $"{s.Metadata.Namespace}/{s.ServiceName}", StringComparer.Ordinal);
        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            var ips = _allocator!.IpsOf(key);
            var pool = _allocator.PoolOf(key);
            if (ips.Count == 0 || pool is null || !services.TryGetValue(key, out var service))
            {
                if (_plans.Remove(key) | published.Contains(key) | _unpublished.Contains(key))
                {
                    await PublishAsync(key, g => planPublisher.PublishWithdrawnAsync(key, g, cancellationToken)).ConfigureAwait(false);
                }

                continue;
            }

            var plan = AnnouncementPlanner.Plan(service, ips, pool, _config!, snapshot.Nodes, [.. slices[key]], PlannerOptions.Default);
            if (_plans.TryGetValue(key, out var previous) && previous.Equals(plan))
            {
                continue;
            }

            _plans[key] = plan;
            if (!await PublishAsync(key, g => planPublisher.PublishPlanAsync(plan, g, cancellationToken)).ConfigureAwait(false))
            {
                _plans.Remove(key);
            }
        }
    }

    /// <summary>Publishes under a span that continues the Service's reconcile span of this pass, when it had one.</summary>
    private async Task<bool> PublishAsync(string key, Func<long, Task> publish)
    {
        _traceParents.Remove(key, out var parent);
        using var activity = AllocatorTelemetry.Source.StartActivity($"publish plan {key}", ActivityKind.Internal, parent);
        try
        {
            var generation = NextGeneration(key);
            activity?.SetTag(AllocatorTelemetry.ServiceTag, key);
            activity?.SetTag(AllocatorTelemetry.GenerationTag, generation);
            await publish(generation).ConfigureAwait(false);
            _unpublished.Remove(key);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            _unpublished.Add(key);
            HasFailures = true;
            AllocatorLog.PublishFailed(logger, key, ex);
            return false;
        }
    }

    /// <summary>
    /// Generations start from the clock (microseconds since the epoch), so a new leader's generations are larger than
    /// the old leader's without any shared counter, and grow by one with every change after that.
    /// </summary>
    private long NextGeneration(string key)
    {
        var floor = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        var next = _generations.TryGetValue(key, out var last) ? Math.Max(last + 1, floor) : floor;
        _generations[key] = next;
        return next;
    }

    private async Task WritePoolStatusAsync(bool configChanged, CancellationToken cancellationToken)
    {
        if (configChanged)
        {
            _poolStatus.Clear();
        }

        // A pool from the legacy ConfigMap has no IPAddressPool object to hold a status.
        foreach (var pool in _config!.Pools.Where(p => !_legacyPools.Contains(p.Name)))
        {
            var usage = _allocator!.Usage(pool.Name);
            if (_poolStatus.TryGetValue(pool.Name, out var written) && written == usage)
            {
                continue;
            }

            try
            {
                await poolStatusWriter.WriteAsync(usage, cancellationToken).ConfigureAwait(false);
                _poolStatus[pool.Name] = usage;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                HasFailures = true;
                AllocatorLog.PoolStatusFailed(logger, pool.Name, ex);
            }
        }
    }

    private static string TopologyFingerprint(ConfigSource snapshot)
    {
        var text = new StringBuilder();
        foreach (var n in snapshot.Nodes)
        {
            text.Append(n.Metadata.Name).Append('@').Append(n.Metadata.ResourceVersion).Append(';');
        }

        foreach (var s in snapshot.EndpointSlices)
        {
            text.Append(s.Metadata.Namespace).Append('/').Append(s.Metadata.Name).Append('@').Append(s.Metadata.ResourceVersion).Append(';');
        }

        return text.ToString();
    }
}
