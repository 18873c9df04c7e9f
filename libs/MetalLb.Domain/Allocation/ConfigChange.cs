namespace MetalLb.Domain.Allocation;

/// <summary>What <see cref="Allocator.SetConfig"/> did to existing allocations, and which Services to reconverge.</summary>
/// <remarks>
/// MetalLB reprocesses every Service after any pool change; <see cref="ServicesToReprocess"/> is the subset whose
/// outcome can differ: dropped and renamed allocations, Services of pools whose addresses changed (a PreferDualStack
/// Service may now get its second family), and Services still pending an IP.
/// </remarks>
public sealed record ConfigChange(
    IReadOnlyList<DroppedAllocation> Dropped,
    IReadOnlyList<RenamedAllocation> Renamed,
    IReadOnlyList<string> ServicesToReprocess);
