using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Caching;

/// <summary>
/// The cached objects of every kind, keyed by <c>namespace/name</c>, and the immutable <see cref="ConfigSource"/> built
/// from them: writers take a lock, readers only read a reference that is swapped after each change.
/// </summary>
internal sealed class ClusterObjectStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<CachedKind, SortedDictionary<string, CachedObject>> _tables = [];
    private volatile ConfigSource _snapshot = new();
    private long _version;

    /// <summary>Every cached object, each kind in ordinal key order; never mutated, so it can be shared freely.</summary>
    public ConfigSource Snapshot => _snapshot;

    /// <summary>The number of changes applied so far; it moves after <see cref="Snapshot"/> does.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Stores an ADDED or MODIFIED object; false when the same resourceVersion is already stored.</summary>
    public bool Upsert(CachedKind kind, CachedObject value)
    {
        lock (_lock)
        {
            var table = Table(kind);
            if (table.TryGetValue(value.Key, out var existing) && IsSame(existing, value))
            {
                return false;
            }

            table[value.Key] = value;
            Publish(kind, table);
            return true;
        }
    }

    /// <summary>Removes a DELETED object; false when it was not stored.</summary>
    public bool Remove(CachedKind kind, string key)
    {
        lock (_lock)
        {
            var table = Table(kind);
            if (!table.Remove(key))
            {
                return false;
            }

            Publish(kind, table);
            return true;
        }
    }

    /// <summary>
    /// Replaces every object of a kind with the result of a list, so objects deleted while no watch was open go
    /// away. Objects under <paramref name="keep"/> (present on the server but unreadable) keep the version stored
    /// before. False when nothing differs.
    /// </summary>
    public bool Replace(CachedKind kind, IEnumerable<CachedObject> objects, IEnumerable<string> keep)
    {
        lock (_lock)
        {
            var table = Table(kind);
            var next = new SortedDictionary<string, CachedObject>(StringComparer.Ordinal);
            foreach (var value in objects)
            {
                next[value.Key] = value;
            }

            foreach (var key in keep)
            {
                if (!next.ContainsKey(key) && table.TryGetValue(key, out var old))
                {
                    next[key] = old;
                }
            }

            if (next.Count == table.Count && next.All(p => table.TryGetValue(p.Key, out var old) && IsSame(old, p.Value)))
            {
                return false;
            }

            _tables[kind] = next;
            Publish(kind, next);
            return true;
        }
    }

    /// <summary>Kubernetes changes an object's resourceVersion on every write, so equal versions mean equal objects.</summary>
    private static bool IsSame(CachedObject stored, CachedObject incoming) =>
        ReferenceEquals(stored, incoming)
        || (!string.IsNullOrEmpty(stored.ResourceVersion) && stored.ResourceVersion == incoming.ResourceVersion);

    private SortedDictionary<string, CachedObject> Table(CachedKind kind)
    {
        if (!_tables.TryGetValue(kind, out var table))
        {
            table = new SortedDictionary<string, CachedObject>(StringComparer.Ordinal);
            _tables[kind] = table;
        }

        return table;
    }

    private void Publish(CachedKind kind, SortedDictionary<string, CachedObject> table)
    {
        _snapshot = With(_snapshot, kind, table.Values);
        Interlocked.Increment(ref _version);
    }

    /// <summary>A copy of <paramref name="source"/> with the list of one kind rebuilt; the other lists are shared.</summary>
    private static ConfigSource With(ConfigSource source, CachedKind kind, IEnumerable<CachedObject> values) => kind switch
    {
        CachedKind.IpAddressPool => source with { Pools = Of<IpAddressPool>(values) },
        CachedKind.L2Advertisement => source with { L2Advertisements = Of<L2Advertisement>(values) },
        CachedKind.BgpAdvertisement => source with { BgpAdvertisements = Of<BgpAdvertisement>(values) },
        CachedKind.BgpPeer => source with { Peers = Of<BgpPeer>(values) },
        CachedKind.BfdProfile => source with { BfdProfiles = Of<BfdProfile>(values) },
        CachedKind.Community => source with { Communities = Of<Community>(values) },
        CachedKind.Namespace => source with { Namespaces = Of<NamespaceInfo>(values) },
        CachedKind.Node => source with { Nodes = Of<NodeInfo>(values) },
        CachedKind.Service => source with { Services = Of<ServiceInfo>(values) },
        CachedKind.EndpointSlice => source with { EndpointSlices = Of<EndpointSliceInfo>(values) },
        CachedKind.LegacyConfigMap => source with { LegacyConfigMaps = Of<LegacyConfigMap>(values) },
        CachedKind.Secret => source with { Secrets = Of<SecretInfo>(values) },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind"),
    };

    private static T[] Of<T>(IEnumerable<CachedObject> values) => [.. values.Select(v => (T)v.Value)];
}
