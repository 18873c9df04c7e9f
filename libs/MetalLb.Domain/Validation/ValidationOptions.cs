namespace MetalLb.Domain.Validation;

/// <summary>Settings that change what the rules accept.</summary>
public sealed record ValidationOptions
{
    public const string DefaultNamespace = "metallb-system";

    /// <summary>The namespace MetalLB's objects must live in.</summary>
    public string MetalLbNamespace { get; init; } = DefaultNamespace;

    public BgpBackend BgpBackend { get; init; } = BgpBackend.Native;

    /// <summary>
    /// Whether missing or weaker pod-security labels on the MetalLB namespace are errors (install time: the CLI and the
    /// webhook) or only warnings (run time: the allocator must not stop handing out IPs because of a label).
    /// </summary>
    public bool PodSecurityLabelsRequired { get; init; } = true;

    public static ValidationOptions Default { get; } = new();
}
