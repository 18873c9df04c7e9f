namespace MetalLb.Domain.Model;

/// <summary>A preferred-node selector with its weight (1–100).</summary>
public sealed record WeightedSelector(int Weight, Selector Preference);
