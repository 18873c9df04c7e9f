namespace MetalLb.Domain.Config;

/// <summary>A Kubernetes label selector as written in a manifest.</summary>
public sealed record LabelSelector
{
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }

    public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }
}
