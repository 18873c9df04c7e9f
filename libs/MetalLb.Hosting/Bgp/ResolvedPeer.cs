using MetalLb.Contracts;

namespace MetalLb.Hosting.Bgp;

/// <summary>A peer as the backend uses it: the allocator's configuration with its password unsealed (never logged).</summary>
public sealed record ResolvedPeer(BgpPeerConfig Config, string? Password)
{
    public override string ToString() => $"{Config.Name} ({Config.Address ?? Config.Interface}:{Config.Port})";
}
