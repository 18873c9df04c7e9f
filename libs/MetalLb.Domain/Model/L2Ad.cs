namespace MetalLb.Domain.Model;

/// <summary>A validated L2Advertisement with its pool references resolved.</summary>
public sealed record L2Ad(
    string Name,
    IReadOnlySet<string> Pools,
    IReadOnlyList<Selector> NodeSelectors,
    IReadOnlyList<string> Interfaces,
    IReadOnlyList<Selector> ServiceSelectors,
    IReadOnlyList<WeightedSelector> PreferredNodes);
