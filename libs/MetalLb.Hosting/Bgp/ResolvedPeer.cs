using MetalLb.Contracts;

namespace MetalLb.Hosting.Bgp;

/// <summary>A peer as the backend uses it: the allocator's configuration with its password unsealed (never logged).</summary>
/// <param name="Config">The configuration; its sealed <see cref="BgpPeerConfig.Password"/> is cleared, so a fresh seal of
/// the same password compares equal.</param>
/// <param name="Password">The TCP-MD5 password in plain text, or null for none.</param>
public sealed record ResolvedPeer(BgpPeerConfig Config, string? Password)
{
    public override string ToString() => $"{Config.Name} ({Config.Address ?? Config.Interface}:{Config.Port})";
}
