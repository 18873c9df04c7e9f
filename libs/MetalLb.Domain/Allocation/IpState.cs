using MetalLb.Domain.Config;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

/// <summary>One in-use IP: its pool, keys, the Services on it (its reference count) and the ports they hold.</summary>
internal sealed class IpState(IpAddress ip, PoolState pool, EntryIndex entry, string sharingKey, string backendKey)
{
    public IpAddress Ip { get; } = ip;

    public PoolState Pool { get; } = pool;

    public EntryIndex Entry { get; } = entry;

    public string SharingKey { get; } = sharingKey;

    public string BackendKey { get; } = backendKey;

    /// <summary>Services on this IP, ordered so that messages naming them are deterministic.</summary>
    public SortedSet<string> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>(protocol, port) → owning Service.</summary>
    public Dictionary<ServicePort, string> Ports { get; } = [];

    public SharingGroup? Group { get; set; }
}
