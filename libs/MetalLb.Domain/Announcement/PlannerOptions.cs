namespace MetalLb.Domain.Announcement;

/// <summary>Speaker flags that change who may announce.</summary>
public sealed record PlannerOptions
{
    /// <summary>
    /// <c>--ignore-exclude-lb</c>: nodes labelled <c>node.kubernetes.io/exclude-from-external-load-balancers</c>
    /// stay eligible.
    /// </summary>
    public bool IgnoreExcludeLb { get; init; }

    public static PlannerOptions Default { get; } = new();
}
