namespace MetalLb.Domain.Config;

/// <summary>One alias of a Community object: a name for a standard or large community value.</summary>
public sealed record CommunityAlias
{
    public string? Name { get; init; }

    public string? Value { get; init; }
}
