namespace MetalLb.Domain.Config;

/// <summary>Spec of a Community object.</summary>
public sealed record CommunitySpec
{
    public IReadOnlyList<CommunityAlias>? Communities { get; init; }
}
