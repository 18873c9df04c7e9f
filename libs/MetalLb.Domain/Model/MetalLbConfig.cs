namespace MetalLb.Domain.Model;

/// <summary>The validated union of all metallb.io objects: what the allocator and announcers act on.</summary>
public sealed record MetalLbConfig
{
    public static MetalLbConfig Empty { get; } = new();

    /// <summary>Pools by name, in name order.</summary>
    public IReadOnlyList<Pool> Pools { get; init; } = [];

    public IReadOnlyList<L2Ad> L2Ads { get; init; } = [];

    public IReadOnlyList<BgpAd> BgpAds { get; init; } = [];

    public IReadOnlyList<Peer> Peers { get; init; } = [];

    public IReadOnlyList<BfdSettings> BfdProfiles { get; init; } = [];

    /// <summary>Community aliases by name.</summary>
    public IReadOnlyDictionary<string, BgpCommunity> CommunityAliases { get; init; } = new Dictionary<string, BgpCommunity>();
}
