namespace MetalLb.Domain.Model;

/// <summary>A parsed <c>serviceAllocation</c>: which Services a pool is pinned to, and its priority.</summary>
public sealed record PoolAllocation(
    int Priority,
    IReadOnlySet<string> Namespaces,
    IReadOnlyList<Selector> NamespaceSelectors,
    IReadOnlyList<Selector> ServiceSelectors)
{
    /// <summary>True when neither namespaces nor selectors restrict the pool: it then matches every Service.</summary>
    public bool MatchesEveryService =>
        Namespaces.Count == 0 && NamespaceSelectors.Count == 0 && ServiceSelectors.Count == 0;
}
