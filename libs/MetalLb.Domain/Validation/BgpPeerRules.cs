using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Validation;

/// <summary>BGPPeer rules R0–R19 of METALLB-SPEC §4.3, with the CRD schema rules (R14) the API server would apply.</summary>
/// <remarks>
/// Unlike MetalLB's parser, which stops at the first error, every rule runs and every problem is reported; an
/// object with any error is left out of the result. R19 (native exact duplicate) is covered by R17 and by the
/// duplicate-name rule.
/// </remarks>
public static class BgpPeerRules
{
    public const int DefaultPort = 179;
    public const int MinPort = 1;
    public const int MaxPort = 16384;
    public const string InternalAsn = "internal";
    public const string ExternalAsn = "external";
    public const string DeprecatedVersion = "v1beta1";

    public static IReadOnlyList<Peer> Check(ValidationContext ctx, IReadOnlyList<BfdSettings> bfdProfiles)
    {
        var parsed = new List<(BgpPeer Object, Peer Peer)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var obj in ctx.Source.Peers.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var peer = Parse(ctx, obj, bfdProfiles);
            if (peer is not null && names.Add(peer.Name))
            {
                parsed.Add((obj, peer));
            }
        }

        var rejected = BgpPeerNodeConflictRules.Check(ctx, parsed);
        return parsed.Where((_, i) => !rejected.Contains(i)).Select(p => p.Peer).ToArray();
    }

    /// <summary>Rules for an UPDATE of a BGPPeer (R14's CEL immutability); empty when the update is allowed.</summary>
    public static IReadOnlyList<ValidationProblem> CheckUpdate(BgpPeer old, BgpPeer updated)
    {
        var problems = new List<ValidationProblem>();
        if (old.Spec.EnableGracefulRestart != updated.Spec.EnableGracefulRestart)
        {
            problems.Add(new ValidationProblem(ObjectRef.Of(updated), "spec.enableGracefulRestart",
                $"EnableGracefulRestart cannot be changed after creation (from {Bool(old.Spec.EnableGracefulRestart)} to {Bool(updated.Spec.EnableGracefulRestart)})"));
        }

        return problems;
    }

    private static Peer? Parse(ValidationContext ctx, BgpPeer obj, IReadOnlyList<BfdSettings> bfdProfiles)
    {
        var errors = ctx.Problems.ErrorCount;
        var spec = obj.Spec;
        if (obj.SourceVersion == DeprecatedVersion)
        {
            ctx.Warning(obj, "apiVersion", "v1beta1 is deprecated, please use v1beta2");
        }

        // QUIRK 1 fixed: MetalLB's webhook lets a disableMP peer through unchecked; here it only earns a warning.
        if (spec.DisableMP)
        {
            ctx.Warning(obj, "spec.disableMP", "disable mp is deprecated and has no effect since it's the default behavior now");
        }

        CheckAsns(ctx, obj);
        var address = ParseEndpoint(ctx, obj);
        BgpPeerTimerRules.Check(ctx, obj, out var holdTime, out var keepaliveTime);
        BgpPeerTimerRules.CheckConnectTime(ctx, obj, out var connectTime);
        var routerId = ParseRouterId(ctx, obj);
        var sourceAddress = ParseIp(ctx, obj, "spec.sourceAddress", spec.SourceAddress, "invalid source IP");
        var port = ParsePort(ctx, obj);
        var nodeSelectors = SelectorRules.ParseList(ctx, obj, "spec.nodeSelectors", "nodeSelectors", spec.NodeSelectors);
        BgpPeerReferenceRules.CheckPassword(ctx, obj);
        BgpPeerReferenceRules.CheckBfdProfile(ctx, obj, bfdProfiles);
        if (ctx.IsNative)
        {
            BgpPeerNativeRules.Check(ctx, obj);
        }

        if (ctx.Problems.ErrorCount != errors)
        {
            return null;
        }

        return new Peer
        {
            Name = obj.Metadata.Name,
            MyAsn = spec.MyASN,
            PeerAsn = spec.PeerASN is 0 ? null : spec.PeerASN,
            DynamicAsn = NullIfEmpty(spec.DynamicASN),
            LocalAsn = spec.LocalASN,
            Address = address,
            Interface = NullIfEmpty(spec.Interface),
            SourceAddress = sourceAddress,
            Port = port,
            HoldTime = holdTime,
            KeepaliveTime = keepaliveTime,
            ConnectTime = connectTime,
            RouterId = routerId,
            NodeSelectors = nodeSelectors,
            Password = NullIfEmpty(spec.Password),
            PasswordSecretName = NullIfEmpty(spec.PasswordSecret?.Name),
            BfdProfile = NullIfEmpty(spec.BfdProfile),
            EnableGracefulRestart = spec.EnableGracefulRestart,
            EbgpMultiHop = spec.EbgpMultiHop,
            Vrf = NullIfEmpty(spec.Vrf),
            DualStackAddressFamily = spec.DualStackAddressFamily,
        };
    }

    /// <summary>R1–R5 and the localASN schema minimum. A peerASN of 0 means unset, as in Go.</summary>
    private static void CheckAsns(ValidationContext ctx, BgpPeer obj)
    {
        var spec = obj.Spec;
        if (spec.MyASN == 0)
        {
            ctx.Error(obj, "spec.myASN", "missing local ASN");
        }

        var hasPeerAsn = spec.PeerASN is > 0;
        var dynamicAsn = spec.DynamicASN;
        if (!hasPeerAsn && string.IsNullOrEmpty(dynamicAsn))
        {
            ctx.Error(obj, "spec.peerASN", "missing peer ASN and dynamicASN");
        }
        else if (hasPeerAsn && !string.IsNullOrEmpty(dynamicAsn))
        {
            ctx.Error(obj, "spec.dynamicASN", $"both peer ASN and dynamicASN specified (peerASN {spec.PeerASN}, dynamicASN {dynamicAsn})");
        }

        if (!string.IsNullOrEmpty(dynamicAsn) && dynamicAsn is not (InternalAsn or ExternalAsn))
        {
            ctx.Error(obj, "spec.dynamicASN", $"invalid dynamicASN {dynamicAsn}: must be {InternalAsn} or {ExternalAsn}");
        }

        if (spec.LocalASN is 0)
        {
            ctx.Error(obj, "spec.localASN", "invalid localASN 0: must be between 1 and 4294967295");
        }

        // A dynamicASN of "internal" is iBGP just as an equal peerASN is.
        var ibgp = (hasPeerAsn && spec.PeerASN == spec.MyASN) || dynamicAsn == InternalAsn;
        if (ibgp && spec.EbgpMultiHop)
        {
            ctx.Error(obj, "spec.ebgpMultiHop", "invalid ebgp-multihop parameter set for an ibgp peer");
        }
    }

    /// <summary>R6 and R9: exactly one of peerAddress and interface, and the address is an IP.</summary>
    private static IpAddress? ParseEndpoint(ValidationContext ctx, BgpPeer obj)
    {
        var spec = obj.Spec;
        var hasAddress = !string.IsNullOrEmpty(spec.PeerAddress);
        var hasInterface = !string.IsNullOrEmpty(spec.Interface);
        if (!hasAddress && !hasInterface)
        {
            ctx.Error(obj, "spec.peerAddress", "peer has no Address or Interface specified");
            return null;
        }

        if (hasAddress && hasInterface)
        {
            ctx.Error(obj, "spec.interface",
                $"peer has both Address and Interface specified (peerAddress \"{spec.PeerAddress}\", interface \"{spec.Interface}\")");
        }

        return ParseIp(ctx, obj, "spec.peerAddress", spec.PeerAddress, "invalid BGPPeer address");
    }

    /// <summary>R10; a BGP identifier is 32 bits (RFC 4271 §4.2), so an IPv6 text is rejected too.</summary>
    private static IpAddress? ParseRouterId(ValidationContext ctx, BgpPeer obj)
    {
        var routerId = ParseIp(ctx, obj, "spec.routerID", obj.Spec.RouterID, "invalid router ID");
        if (routerId is { IsV4: false })
        {
            ctx.Error(obj, "spec.routerID",
                $"invalid router ID \"{obj.Spec.RouterID}\": must be an IPv4 address (a BGP identifier is 32 bits)");
            return null;
        }

        return routerId;
    }

    private static IpAddress? ParseIp(ValidationContext ctx, BgpPeer obj, string field, string? text, string what)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!IpAddress.TryParse(text, out var address))
        {
            ctx.Error(obj, field, $"{what} \"{text}\"");
            return null;
        }

        return address;
    }

    /// <summary>R14: peerPort 1–16384, default 179. v1beta1 allowed 0, which meant the default.</summary>
    private static int ParsePort(ValidationContext ctx, BgpPeer obj)
    {
        var port = obj.Spec.PeerPort;
        if (port is null || (port == 0 && obj.SourceVersion == DeprecatedVersion))
        {
            return DefaultPort;
        }

        if (port is < MinPort or > MaxPort)
        {
            ctx.Error(obj, "spec.peerPort", $"invalid peerPort {port}: must be between {MinPort} and {MaxPort}");
            return DefaultPort;
        }

        return port.Value;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Bool(bool value) => value ? "true" : "false";
}
