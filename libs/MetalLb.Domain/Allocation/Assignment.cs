using MetalLb.Domain.Config;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

/// <summary>What one Service holds: its pool, IPs, ports and keys, plus what pool compatibility is judged on.</summary>
internal sealed record Assignment(
    string Key,
    string Namespace,
    IReadOnlyDictionary<string, string> Labels,
    PoolState Pool,
    IReadOnlyList<IpAddress> Ips,
    IReadOnlyList<ServicePort> Ports,
    string SharingKey,
    string BackendKey);
