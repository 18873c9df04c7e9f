namespace MetalLb.Contracts;

/// <summary>A periodic summary of the allocator's plans, so an announcer that missed messages notices.</summary>
/// <param name="Count">How many Services have a plan.</param>
/// <param name="Hash">A hash over the sorted (ServiceKey, Generation) pairs, lower-case hex.</param>
/// <param name="HighestGeneration">The highest generation among the plans; 0 when there are none.</param>
public sealed record PlanDigest(int Count, string Hash, long HighestGeneration);
