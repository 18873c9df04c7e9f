namespace MetalLb.Allocator.Reconciliation;

/// <summary>What one configuration step did: whether a new config was applied, and which Services to reconverge.</summary>
internal sealed record ConfigPass(bool Changed, IReadOnlyList<string> Reprocess)
{
    public static ConfigPass None { get; } = new(false, []);
}
