namespace MetalLb.Domain.Peering;

/// <summary>
/// A peer's TCP-MD5 password as far as it could be found: the text, or why a configured one is unusable, or neither
/// (no password). <see cref="ToString"/> never shows the text.
/// </summary>
public sealed record PeerPassword(string? Value, string? Problem)
{
    public static PeerPassword None { get; } = new(null, null);

    public static PeerPassword Of(string value) => new(value, null);

    public static PeerPassword Unusable(string problem) => new(null, problem);

    public override string ToString() => Problem ?? (Value is null ? "no password" : "password set");
}
