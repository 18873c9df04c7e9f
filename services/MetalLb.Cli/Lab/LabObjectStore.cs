using System.Globalization;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;
using MetalLb.Domain.Net;
using MetalLb.Webhook.Store;

namespace MetalLb.Cli.Lab;

/// <summary>
/// The lab's API server: the current objects, replaced whole on every write, each write bumping a resourceVersion as
/// the API server does, so the allocator's level-triggered passes see what changed. Thread-safe.
/// </summary>
public sealed class LabObjectStore(string metalLbNamespace) : IObjectStore, MetalLb.Allocator.Reconciliation.IClusterSnapshot
{
    private const string DefaultNamespace = "default";
    private readonly Lock _lock = new();
    private ConfigSource _snapshot = new();
    private long _version;

    public ConfigSource Snapshot
    {
        get
        {
            lock (_lock)
            {
                return _snapshot;
            }
        }
    }

    public bool IsSynced => true;

    /// <summary>The resourceVersion of the last write; unchanged means nothing was written.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Puts every object of <paramref name="objects"/> in, replacing objects of the same kind, namespace and name.</summary>
    public void Put(ConfigSource objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        lock (_lock)
        {
            var s = _snapshot;
            _snapshot = s with
            {
                Pools = Upsert(s.Pools, objects.Pools, MetalLbKey, (o, m) => o with { Metadata = m }),
                L2Advertisements = Upsert(s.L2Advertisements, objects.L2Advertisements, MetalLbKey, (o, m) => o with { Metadata = m }),
                BgpAdvertisements = Upsert(s.BgpAdvertisements, objects.BgpAdvertisements, MetalLbKey, (o, m) => o with { Metadata = m }),
                Peers = Upsert(s.Peers, objects.Peers, MetalLbKey, (o, m) => o with { Metadata = m }),
                BfdProfiles = Upsert(s.BfdProfiles, objects.BfdProfiles, MetalLbKey, (o, m) => o with { Metadata = m }),
                Communities = Upsert(s.Communities, objects.Communities, MetalLbKey, (o, m) => o with { Metadata = m }),
                Namespaces = Upsert(s.Namespaces, objects.Namespaces, ClusterKey, (o, m) => o with { Metadata = m }),
                Nodes = Upsert(s.Nodes, objects.Nodes, ClusterKey, (o, m) => o with { Metadata = m }),
                Services = Upsert(s.Services, objects.Services, NamespacedKey, (o, m) => o with { Metadata = m }),
                EndpointSlices = Upsert(s.EndpointSlices, objects.EndpointSlices, NamespacedKey, (o, m) => o with { Metadata = m }),
            };
        }
    }

    /// <summary>Takes out the object of <paramref name="kind"/> named <paramref name="name"/>; true when there was one.</summary>
    public bool Remove(string kind, string? ns, string name)
    {
        lock (_lock)
        {
            var s = _snapshot;
            var metalLbNs = ns ?? metalLbNamespace;
            var namespaced = ns ?? DefaultNamespace;
            bool SameMetalLb(ObjectMeta m) => m.Name == name && (m.Namespace ?? metalLbNamespace) == metalLbNs;
            bool SameNamespaced(ObjectMeta m) => m.Name == name && (m.Namespace ?? DefaultNamespace) == namespaced;
            bool SameCluster(ObjectMeta m) => m.Name == name;
            var next = kind switch
            {
                IpAddressPool.KindName => s with { Pools = [.. s.Pools.Where(o => !SameMetalLb(o.Metadata))] },
                L2Advertisement.KindName => s with { L2Advertisements = [.. s.L2Advertisements.Where(o => !SameMetalLb(o.Metadata))] },
                BgpAdvertisement.KindName => s with { BgpAdvertisements = [.. s.BgpAdvertisements.Where(o => !SameMetalLb(o.Metadata))] },
                BgpPeer.KindName => s with { Peers = [.. s.Peers.Where(o => !SameMetalLb(o.Metadata))] },
                BfdProfile.KindName => s with { BfdProfiles = [.. s.BfdProfiles.Where(o => !SameMetalLb(o.Metadata))] },
                Community.KindName => s with { Communities = [.. s.Communities.Where(o => !SameMetalLb(o.Metadata))] },
                NamespaceInfo.KindName => s with { Namespaces = [.. s.Namespaces.Where(o => !SameCluster(o.Metadata))] },
                NodeInfo.KindName => s with { Nodes = [.. s.Nodes.Where(o => !SameCluster(o.Metadata))] },
                ServiceInfo.KindName => s with { Services = [.. s.Services.Where(o => !SameNamespaced(o.Metadata))] },
                EndpointSliceInfo.KindName => s with { EndpointSlices = [.. s.EndpointSlices.Where(o => !SameNamespaced(o.Metadata))] },
                _ => s,
            };
            if (next.Count == s.Count)
            {
                return false;
            }

            _snapshot = next;
            Interlocked.Increment(ref _version);
            return true;
        }
    }

    /// <summary>
    /// What the allocator's status write and annotation patch do to a Service: the ingress IPs and the
    /// <c>metallb.io/ip-allocated-from-pool</c> annotation. False when the Service is gone or changed since
    /// <paramref name="resourceVersion"/> (the API server's 409).
    /// </summary>
    public bool WriteServiceStatus(string serviceKey, string? resourceVersion, IReadOnlyList<IpAddress> ips, string? pool)
    {
        lock (_lock)
        {
            var s = _snapshot;
            var index = s.Services.ToList().FindIndex(o => o.Key == serviceKey);
            if (index < 0 || (resourceVersion is not null && s.Services[index].Metadata.ResourceVersion != resourceVersion))
            {
                return false;
            }

            var service = s.Services[index];
            var annotations = new Dictionary<string, string>(service.Metadata.Annotations, StringComparer.Ordinal);
            if (pool is null)
            {
                annotations.Remove(ServiceAnnotations.IPAllocatedFromPool);
            }
            else
            {
                annotations[ServiceAnnotations.IPAllocatedFromPool] = pool;
            }

            var updated = service with
            {
                Metadata = service.Metadata with { Annotations = annotations, ResourceVersion = NextVersion() },
                IngressIPs = [.. ips.Select(ip => ip.ToString())],
            };
            _snapshot = s with { Services = [.. s.Services.Select((o, i) => i == index ? updated : o)] };
            return true;
        }
    }

    private string NextVersion() => Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);

    private string MetalLbKey(ObjectMeta m) => $"{m.Namespace ?? metalLbNamespace}/{m.Name}";

    private static string NamespacedKey(ObjectMeta m) => $"{m.Namespace ?? DefaultNamespace}/{m.Name}";

    private static string ClusterKey(ObjectMeta m) => m.Name;

    /// <summary>Replaces by key in place (order stays stable) and appends new objects, stamping each with a resourceVersion.</summary>
    private T[] Upsert<T>(IReadOnlyList<T> current, IReadOnlyList<T> incoming, Func<ObjectMeta, string> key, Func<T, ObjectMeta, T> withMeta)
        where T : class
    {
        if (incoming.Count == 0)
        {
            return [.. current];
        }

        var result = current.ToList();
        foreach (var item in incoming)
        {
            var meta = Meta(item);
            var stamped = withMeta(item, meta with
            {
                Namespace = item is ServiceInfo or EndpointSliceInfo ? meta.Namespace ?? DefaultNamespace : meta.Namespace,
                ResourceVersion = NextVersion(),
                Uid = meta.Uid ?? Guid.NewGuid().ToString(),
            });
            var index = result.FindIndex(o => key(Meta(o)) == key(meta));
            if (index >= 0)
            {
                result[index] = stamped;
            }
            else
            {
                result.Add(stamped);
            }
        }

        return [.. result];
    }

    private static ObjectMeta Meta<T>(T item) => item switch
    {
        IMetalLbObject o => o.Metadata,
        NamespaceInfo o => o.Metadata,
        NodeInfo o => o.Metadata,
        ServiceInfo o => o.Metadata,
        EndpointSliceInfo o => o.Metadata,
        _ => throw new ArgumentException($"unknown object type {typeof(T).Name}", nameof(item)),
    };
}
