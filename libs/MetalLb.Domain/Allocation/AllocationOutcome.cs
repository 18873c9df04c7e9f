namespace MetalLb.Domain.Allocation;

/// <summary>What <see cref="Allocator.Converge"/> did to a Service.</summary>
public enum AllocationOutcome
{
    /// <summary>New IPs were assigned: a fresh allocation, a changed request, or a PreferDualStack add-on.</summary>
    Allocated,

    /// <summary>The Service keeps exactly the IPs it had.</summary>
    Unchanged,

    /// <summary>The Service must hold no IP (not a LoadBalancer, no ClusterIP, no pools): its state was cleared.</summary>
    Cleared,

    /// <summary>The Service wants IPs it cannot have; <see cref="AllocationResult.Ips"/> is what it keeps (often none).</summary>
    Failed,

    /// <summary>The Service belongs to another load-balancer class; nothing was touched and no event is due.</summary>
    Ignored,
}
