using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using DomainAllocator = MetalLb.Domain.Allocation.Allocator;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>
/// The one reconciler: owns the domain allocator, feeds it the cluster's objects and turns its decisions into status
/// writes, Events, pool status, ConfigurationState and announcement plans.
/// </summary>
/// <remarks>
/// Not thread-safe: one loop calls <see cref="ReconcileAsync"/> at a time. Each pass is level-triggered: it compares
/// the snapshot with what it handled last (resourceVersions), so a missed or coalesced change notification only
/// delays work, never loses it. Without a <paramref name="peerSetPublisher"/> (the lab, benchmarks) no BGP peer sets
/// are sent.
/// </remarks>
public sealed partial class AllocatorReconciler(
    IServiceStatusWriter statusWriter,
    IServiceEventRecorder eventRecorder,
    IConfigurationStateWriter configurationStateWriter,
    IPoolStatusWriter poolStatusWriter,
    IPlanPublisher planPublisher,
    AllocatorOptions options,
    TimeProvider timeProvider,
    ILogger<AllocatorReconciler> logger,
    IPeerSetPublisher? peerSetPublisher = null)
{
    private readonly Dictionary<string, string?> _seen = new(StringComparer.Ordinal);
    private DomainAllocator? _allocator;
    private MetalLbConfig? _config;
    private string? _configFingerprint;
    private ConfigurationReport? _reported;
    private volatile bool _configStale;
    private volatile IReadOnlyList<PoolReport> _poolReports = [];

    /// <summary>True while the last union of metallb.io objects seen did not validate and an older one is in force.</summary>
    public bool ConfigIsStale => _configStale;

    /// <summary>True while a valid configuration is in force.</summary>
    public bool ConfigIsLoaded => Volatile.Read(ref _config) is not null;

    /// <summary>What this process has done since it started: configuration updates, allocations and failures.</summary>
    public AllocatorCounts Counts { get; } = new();

    /// <summary>
    /// Every configured pool's accounting after the last pass, in configuration order; empty before the first valid
    /// configuration and after <see cref="Reset"/> (a follower holds no assignments, so it reports no pool).
    /// </summary>
    public IReadOnlyList<PoolReport> PoolReports => _poolReports;

    /// <summary>True once every Service has been restored from its status (METALLB-SPEC §3.7).</summary>
    public bool IsRestored { get; private set; }

    /// <summary>True once a pass of this term has planned every Service and published every plan it could.</summary>
    public bool HasPublishedAll { get; private set; }

    /// <summary>True when the last pass left a write undone; another pass soon will retry it.</summary>
    public bool HasFailures { get; private set; }

    /// <summary>The IPs the allocator holds for a Service.</summary>
    public IReadOnlyList<Domain.Net.IpAddress> IpsOf(string serviceKey) => _allocator?.IpsOf(serviceKey) ?? [];

    /// <summary>
    /// Forgets everything (leadership lost): the next pass starts again from Service status, as a new leader must.
    /// </summary>
    public void Reset()
    {
        _seen.Clear();
        _plans.Clear();
        _traceParents.Clear();
        _unpublished.Clear();
        _poolStatus.Clear();
        _poolReports = [];
        _allocator = null;
        _config = null;
        _configFingerprint = null;
        _topologyFingerprint = null;
        _reported = null;
        IsRestored = false;
        HasPublishedAll = false;
        peerSetPublisher?.Reset();
    }

    /// <summary>One pass over a consistent snapshot of the cluster.</summary>
    public async Task ReconcileAsync(ConfigSource snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        HasFailures = false;
        var config = await ApplyConfigAsync(snapshot, cancellationToken).ConfigureAwait(false);
        if (_allocator is null)
        {
            return;
        }

        var services = snapshot.Services.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        if (!IsRestored)
        {
            await RestoreAsync(snapshot, services, touched, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ConvergeChangedAsync(services, config.Reprocess, touched, cancellationToken).ConfigureAwait(false);
        }

        await PublishPlansAsync(snapshot, services, touched, config.Changed, cancellationToken).ConfigureAwait(false);
        _traceParents.Clear();
        HasPublishedAll |= _unpublished.Count == 0;
        await PublishPeerSetsAsync(snapshot, cancellationToken).ConfigureAwait(false);
        await WritePoolStatusAsync(config.Changed, cancellationToken).ConfigureAwait(false);
        ReportPools(services.Keys);
    }

    private void ReportPools(IEnumerable<string> serviceKeys)
    {
        var holders = serviceKeys
            .Select(_allocator!.PoolOf)
            .OfType<string>()
            .GroupBy(p => p, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        _poolReports = [.. _config!.Pools.Select(p => new PoolReport(_allocator.Usage(p.Name), holders.GetValueOrDefault(p.Name)))];
    }
}
