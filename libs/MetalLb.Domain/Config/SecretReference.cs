namespace MetalLb.Domain.Config;

/// <summary>A reference to a Secret by name and namespace.</summary>
public sealed record SecretReference
{
    public string? Name { get; init; }

    public string? Namespace { get; init; }
}
