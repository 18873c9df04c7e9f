namespace MetalLb.Domain.Allocation;

/// <summary>The event reasons the MetalLB controller emits on Services, spelled as MetalLB spells them.</summary>
public static class AllocationEventReason
{
    public const string IpAllocated = "IPAllocated";

    public const string AllocationFailed = "AllocationFailed";

    public const string ClearAssignment = "ClearAssignment";

    public const string LoadBalancerFailed = "LoadBalancerFailed";

    public const string NotEnoughClusterIps = "not enough clusterips";

    public const string NoLbIpsFamily = "nolbIPsIPFamily";

    public const string NoClusterIpsFamily = "noclusterIPsIPFamily";

    public const string AdditionalAssignFailed = "AdditionalAssignFailed";

    public const string InternalError = "InternalError";

    public const string DeprecatedAnnotation = "deprecatedAnnotation";
}
