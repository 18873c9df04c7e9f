using MetalLb.Domain.Config;

namespace MetalLb.Domain.Validation;

/// <summary>
/// Rule R15 as this project decides it: the BGPPeer features the native speaker cannot honour (METALLB-SPEC §6.2).
/// </summary>
/// <remarks>
/// Our native speaker does more than MetalLB's: keepaliveTime, connectTime, enableGracefulRestart, IPv6 sessions
/// and per-peer routerID/myASN are accepted. What is left is rejected with MetalLB's wording plus a hint.
/// </remarks>
public static class BgpPeerNativeRules
{
    private const string Hint = "; use the frr backend";

    public static void Check(ValidationContext ctx, BgpPeer obj)
    {
        var spec = obj.Spec;
        var id = spec.PeerAddress ?? spec.Interface ?? obj.Metadata.Name;
        if (!string.IsNullOrEmpty(spec.Vrf))
        {
            Reject(ctx, obj, "spec.vrf", id, "vrf");
        }

        if (!string.IsNullOrEmpty(spec.DynamicASN))
        {
            Reject(ctx, obj, "spec.dynamicASN", id, "dynamicASN");
        }

        if (spec.LocalASN is not null)
        {
            Reject(ctx, obj, "spec.localASN", id, "localASN");
        }

        if (!string.IsNullOrEmpty(spec.Interface))
        {
            Reject(ctx, obj, "spec.interface", id, "interface");
        }

        if (!string.IsNullOrEmpty(spec.BfdProfile))
        {
            Reject(ctx, obj, "spec.bfdProfile", id, "bfd-profile");
        }

        if (spec.DualStackAddressFamily)
        {
            Reject(ctx, obj, "spec.dualStackAddressFamily", id, "dualstackaddressfamily flag");
        }
    }

    private static void Reject(ValidationContext ctx, BgpPeer obj, string field, string id, string feature) =>
        ctx.Error(obj, field, $"peer {id} has {feature} set on native bgp mode{Hint}");
}
