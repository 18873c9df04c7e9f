namespace MetalLb.Domain.Config;

/// <summary>A weighted node preference for the L2 election.</summary>
public sealed record PreferredNodeSelector
{
    public int Weight { get; init; }

    public LabelSelector? Preference { get; init; }
}
