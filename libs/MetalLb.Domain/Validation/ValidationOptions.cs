namespace MetalLb.Domain.Validation;

/// <summary>Settings that change what the rules accept.</summary>
public sealed record ValidationOptions
{
    public const string DefaultNamespace = "metallb-system";

    /// <summary>The namespace MetalLB's objects must live in.</summary>
    public string MetalLbNamespace { get; init; } = DefaultNamespace;

    public BgpBackend BgpBackend { get; init; } = BgpBackend.Native;

    public static ValidationOptions Default { get; } = new();
}
