using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

/// <summary>Formatting shared by every allocator message, so IP lists and names read the same everywhere.</summary>
internal static class AllocationMessages
{
    /// <summary><c>[1.2.3.4 2001:db8::1]</c>, the way Go prints an IP slice.</summary>
    public static string List(IEnumerable<IpAddress> ips) => $"[{string.Join(" ", ips)}]";

    /// <summary><c>"[1.2.3.4]"</c>, as in MetalLB's <c>"[1.2.3.4]" is not allowed in config</c>.</summary>
    public static string Quoted(IEnumerable<IpAddress> ips) => $"\"{List(ips)}\"";

    public static string Name(IpFamily family) => family == IpFamily.V4 ? "IPv4" : "IPv6";

    /// <summary><c>"a", "b"</c>.</summary>
    public static string Pools(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));

    public static string NoAvailable(IReadOnlyList<string> tried) =>
        tried.Count == 0
            ? "no available IPs (no pool is eligible for automatic assignment)"
            : $"no available IPs (tried pools {Pools(tried)})";

    public static string NoAvailableInPool(string pool) => $"no available IPs in pool \"{pool}\"";

    public static string DescribeBackend(string backendKey) =>
        backendKey.Length == 0 ? "Cluster" : $"Local with selector \"{backendKey}\"";
}
