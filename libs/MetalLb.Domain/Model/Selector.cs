namespace MetalLb.Domain.Model;

/// <summary>A parsed label selector; requirements are AND-ed and an empty selector matches everything.</summary>
public sealed record Selector(IReadOnlyList<SelectorRequirement> Requirements)
{
    public static Selector Everything { get; } = new([]);

    public bool MatchesEverything => Requirements.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var requirement in Requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when any selector of the list matches; an empty list matches everything (MetalLB's rule).</summary>
    public static bool AnyMatches(IReadOnlyList<Selector> selectors, IReadOnlyDictionary<string, string> labels)
    {
        if (selectors.Count == 0)
        {
            return true;
        }

        foreach (var selector in selectors)
        {
            if (selector.Matches(labels))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Kubernetes' text form, e.g. <c>app=web,tier in (a,b)</c>.</summary>
    public override string ToString() => string.Join(",", Requirements);
}
