namespace MetalLb.Domain.Config;

/// <summary>The <c>serviceAllocation</c> block that pins and prioritises a pool.</summary>
public sealed record ServiceAllocation
{
    public int? Priority { get; init; }

    public IReadOnlyList<string>? Namespaces { get; init; }

    public IReadOnlyList<LabelSelector>? NamespaceSelectors { get; init; }

    public IReadOnlyList<LabelSelector>? ServiceSelectors { get; init; }
}
