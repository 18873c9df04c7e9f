namespace MetalLb.Domain.Allocation;

/// <summary>
/// Why an allocation failed, as a short fixed code for metrics and dashboards (never the message, which names Services
/// and IPs): the set below is all <see cref="AllocationResult.FailureReason"/> can hold.
/// </summary>
public static class AllocationFailure
{
    /// <summary>No eligible pool (automatic assignment) or the requested pool has no free address of the right family.</summary>
    public const string NoAvailableIps = "no_available_ips";

    /// <summary>The requested IPs are outside every pool, held by an incompatible Service, or of the wrong family.</summary>
    public const string RequestedIpUnavailable = "requested_ip_unavailable";

    /// <summary>The <c>metallb.io/address-pool</c> annotation names a pool that does not exist.</summary>
    public const string PoolNotFound = "pool_not_found";

    /// <summary>The requested pool's serviceAllocation does not admit the Service's namespace or labels.</summary>
    public const string PoolIncompatible = "pool_incompatible";

    /// <summary>The requested IPs cannot be read (a malformed annotation or <c>spec.loadBalancerIP</c>).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>The Service's ClusterIPs cannot be read, or RequireDualStack without two of them.</summary>
    public const string InvalidClusterIps = "invalid_cluster_ips";

    /// <summary>Every code, for tests and documentation.</summary>
    public static IReadOnlyList<string> All { get; } =
        [NoAvailableIps, RequestedIpUnavailable, PoolNotFound, PoolIncompatible, InvalidRequest, InvalidClusterIps];
}
