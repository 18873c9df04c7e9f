using MetalLb.Allocator.Reconciliation;
using MetalLb.Contracts;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;

namespace MetalLb.Cli.Lab;

/// <summary>
/// Everything else the allocator writes to the API server, kept for the report: Events, pool status,
/// ConfigurationState, and the ServiceL2Status/ServiceBGPStatus the announcers' reports produce. Thread-safe.
/// </summary>
public sealed class LabRecorder : IServiceEventRecorder, IPoolStatusWriter, IConfigurationStateWriter, IAnnouncementStatusWriter
{
    private readonly Lock _lock = new();
    private readonly List<(string Service, AllocationEvent Event)> _events = [];
    private readonly Dictionary<string, PoolUsage> _pools = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Service, string Node, string Protocol), AnnouncementStatus> _statuses = [];

    /// <summary>Raised after a ServiceL2Status/ServiceBGPStatus write.</summary>
    public event Action? StatusWritten;

    /// <summary>The last ConfigurationState written.</summary>
    public ConfigurationReport? Configuration { get; private set; }

    public IReadOnlyList<(string Service, AllocationEvent Event)> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<PoolUsage> Pools
    {
        get
        {
            lock (_lock)
            {
                return [.. _pools.Values.OrderBy(p => p.Pool, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The ServiceL2Status/ServiceBGPStatus objects that exist now (announcing reports only).</summary>
    public IReadOnlyList<AnnouncementStatus> Statuses
    {
        get
        {
            lock (_lock)
            {
                return [.. _statuses.Values.OrderBy(s => s.ServiceKey, StringComparer.Ordinal).ThenBy(s => s.Node, StringComparer.Ordinal)];
            }
        }
    }

    public Task RecordAsync(ServiceInfo service, AllocationEvent allocationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            _events.Add((service.Key, allocationEvent));
        }

        return Task.CompletedTask;
    }

    public Task WriteAsync(PoolUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        lock (_lock)
        {
            _pools[usage.Pool] = usage;
        }

        return Task.CompletedTask;
    }

    public Task WriteAsync(ConfigurationReport report, CancellationToken cancellationToken)
    {
        Configuration = report;
        return Task.CompletedTask;
    }

    public Task WriteAsync(AnnouncementStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_lock)
        {
            var key = (status.ServiceKey, status.Node, status.Protocol);
            if (status.Announcing)
            {
                _statuses[key] = status;
            }
            else
            {
                _statuses.Remove(key);
            }
        }

        StatusWritten?.Invoke();
        return Task.CompletedTask;
    }

    /// <summary>Forgets the pools that are no longer configured.</summary>
    public void KeepPools(IEnumerable<string> names)
    {
        var keep = names.ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var name in _pools.Keys.Where(n => !keep.Contains(n)).ToArray())
            {
                _pools.Remove(name);
            }
        }
    }
}
