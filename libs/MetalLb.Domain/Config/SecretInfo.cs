namespace MetalLb.Domain.Config;

/// <summary>
/// A core/v1 Secret of the MetalLB namespace as MetalLB reads it for a BGPPeer's <c>passwordSecret</c>: its type and
/// the value of its <c>password</c> key. No other data is kept, and <see cref="ToString"/> never shows the password.
/// </summary>
public sealed record SecretInfo(ObjectMeta Metadata)
{
    public const string KindName = "Secret";

    /// <summary>The type a BGPPeer's <c>passwordSecret</c> must have (METALLB-SPEC §1.4).</summary>
    public const string BasicAuthType = "kubernetes.io/basic-auth";

    /// <summary>The data key holding the password.</summary>
    public const string PasswordKey = "password";

    /// <summary>The Secret's <c>type</c>; Kubernetes defaults it to <c>Opaque</c>.</summary>
    public string Type { get; init; } = "Opaque";

    /// <summary>The <c>password</c> key's value as UTF-8 text, or null when the Secret has no such key.</summary>
    public string? Password { get; init; }

    public override string ToString() =>
        $"Secret {Metadata.Namespace}/{Metadata.Name} ({Type}, password {(Password is null ? "absent" : "present")})";
}
