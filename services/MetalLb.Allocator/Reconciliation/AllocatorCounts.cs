using System.Collections.Concurrent;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>
/// What the reconciler has done since the process started, for the counters of <see cref="AllocatorMetrics"/>. Never
/// reset (leadership changes included), so the counters only grow; safe to read while a pass runs.
/// </summary>
public sealed class AllocatorCounts
{
    private readonly ConcurrentDictionary<string, long> _allocations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private long _updates;
    private long _updateErrors;

    /// <summary>Configuration changes validated (valid or not).</summary>
    public long Updates => Interlocked.Read(ref _updates);

    /// <summary>Configuration changes refused because they did not validate.</summary>
    public long UpdateErrors => Interlocked.Read(ref _updateErrors);

    /// <summary>Services given new IPs, by the pool they came from.</summary>
    public IReadOnlyDictionary<string, long> Allocations => new Dictionary<string, long>(_allocations, StringComparer.Ordinal);

    /// <summary>Failed convergences, by <see cref="Domain.Allocation.AllocationFailure"/> code.</summary>
    public IReadOnlyDictionary<string, long> Failures => new Dictionary<string, long>(_failures, StringComparer.Ordinal);

    internal void ConfigProcessed(bool valid)
    {
        Interlocked.Increment(ref _updates);
        if (!valid)
        {
            Interlocked.Increment(ref _updateErrors);
        }
    }

    internal void Allocated(string pool) => _allocations.AddOrUpdate(pool, 1, (_, n) => n + 1);

    internal void Failed(string reason) => _failures.AddOrUpdate(reason, 1, (_, n) => n + 1);
}
