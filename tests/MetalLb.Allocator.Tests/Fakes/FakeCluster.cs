using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;
using MetalLb.Domain.Net;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>
/// A tiny API server for Services: holds objects read from YAML, bumps resourceVersions, and applies status writes
/// the way the real one would, so a second pass sees what the first wrote.
/// </summary>
internal sealed class FakeCluster : IServiceStatusWriter
{
    private readonly SortedDictionary<string, ServiceInfo> _services = new(StringComparer.Ordinal);
    private int _version;
    private int _inFlight;
    private int _maxInFlight;

    public ConfigSource Config { get; set; } = new();

    public List<(string Service, IReadOnlyList<IpAddress> Ips, string? Pool)> Writes { get; } = [];

    public int FailWrites { get; set; }

    public ConfigSource Snapshot => Config with { Services = [.. _services.Values] };

    public ServiceInfo this[string key] => _services[key];

    public static ConfigSource Read(string yaml)
    {
        var result = ManifestReader.ReadText(yaml, "fixture.yaml");
        Assert.Empty(result.Problems);
        return result.Objects;
    }

    public void SetConfig(string yaml) => Config = Read(yaml) with { Services = [] };

    public void Apply(string yaml)
    {
        foreach (var service in Read(yaml).Services)
        {
            Put(service);
        }
    }

    public void Delete(string key) => _services.Remove(key);

    /// <summary>How long each status write takes, as an API round trip would; zero completes at once.</summary>
    public TimeSpan WriteDelay { get; set; }

    /// <summary>The most status writes that were in flight at once.</summary>
    public int MaxInFlight => _maxInFlight;

    /// <summary>Thread-safe: a restore writes several Services at once, as the real API server takes them.</summary>
    public async Task WriteAsync(ServiceInfo service, IReadOnlyList<IpAddress> ips, string? pool, CancellationToken cancellationToken)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            if (WriteDelay > TimeSpan.Zero)
            {
                await Task.Delay(WriteDelay, cancellationToken);
            }

            lock (_services)
            {
                WriteLocked(service, ips, pool);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }

    private void WriteLocked(ServiceInfo service, IReadOnlyList<IpAddress> ips, string? pool)
    {
        if (FailWrites > 0)
        {
            FailWrites--;
            throw new InvalidOperationException("injected write failure");
        }

        Writes.Add((service.Key, ips, pool));
        var current = _services[service.Key];
        var annotations = current.Metadata.Annotations.ToDictionary(StringComparer.Ordinal);
        annotations.Remove(ServiceAnnotations.IPAllocatedFromPool);
        if (pool is not null)
        {
            annotations[ServiceAnnotations.IPAllocatedFromPool] = pool;
        }

        Put(current with
        {
            Metadata = current.Metadata with { Annotations = annotations },
            IngressIPs = [.. ips.Select(ip => ip.ToString())],
        });
    }

    public string? PoolAnnotation(string key) =>
        _services[key].Metadata.Annotations.TryGetValue(ServiceAnnotations.IPAllocatedFromPool, out var pool) ? pool : null;

    private void Put(ServiceInfo service)
    {
        _version++;
        var key = service.Key;
        _services[key] = service with
        {
            Metadata = service.Metadata with
            {
                ResourceVersion = _version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Uid = service.Metadata.Uid ?? $"uid-{key}",
            },
        };
    }
}
