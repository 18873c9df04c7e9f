using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>BFDProfile rules F1–F5 of METALLB-SPEC §4.3.</summary>
/// <remarks>
/// F1 (namespace) is <see cref="NamespaceRules"/>' and F4 (duplicate names) <see cref="DuplicateNameRules"/>'; a
/// repeated name yields one profile, the first. F5 fixed: MetalLB invalidates the whole configuration when a
/// BFDProfile exists in native mode; here it is a warning, since an unused profile harms nothing.
/// </remarks>
public static class BfdProfileRules
{
    public const uint MinInterval = 10;
    public const uint MaxInterval = 60000;
    public const uint MinDetectMultiplier = 2;
    public const uint MaxDetectMultiplier = 255;
    public const uint MinMinimumTtl = 1;
    public const uint MaxMinimumTtl = 254;

    public static IReadOnlyList<BfdSettings> Check(ValidationContext ctx)
    {
        var result = new List<BfdSettings>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var obj in ctx.Source.BfdProfiles.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var settings = Parse(ctx, obj);
            if (settings is not null && names.Add(settings.Name))
            {
                result.Add(settings);
            }
        }

        return result;
    }

    /// <summary>
    /// F2: a BFDProfile may not be deleted while a BGPPeer references it. Returns the denial message, or null.
    /// </summary>
    public static string? CheckDelete(string profileName, IEnumerable<BgpPeer> peers)
    {
        var user = peers
            .Where(p => p.Spec.BfdProfile == profileName)
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return user is null ? null : $"failed to delete BFDProfile {profileName}, used by BGPPeer {user.Metadata.Name}";
    }

    private static BfdSettings? Parse(ValidationContext ctx, BfdProfile obj)
    {
        var errors = ctx.Problems.ErrorCount;
        var spec = obj.Spec;
        if (string.IsNullOrEmpty(obj.Metadata.Name))
        {
            ctx.Error(obj, "metadata.name", "missing bfd profile name");
        }

        if (ctx.IsNative)
        {
            ctx.Warning(obj, "spec", "BFD profiles are not used by the native BGP backend");
        }

        CheckRange(ctx, obj, "spec.receiveInterval", "receive interval", spec.ReceiveInterval, MinInterval, MaxInterval);
        CheckRange(ctx, obj, "spec.transmitInterval", "transmit interval", spec.TransmitInterval, MinInterval, MaxInterval);
        CheckRange(ctx, obj, "spec.detectMultiplier", "detect multiplier", spec.DetectMultiplier,
            MinDetectMultiplier, MaxDetectMultiplier);
        CheckRange(ctx, obj, "spec.echoInterval", "echo interval", spec.EchoInterval, MinInterval, MaxInterval);
        CheckRange(ctx, obj, "spec.minimumTtl", "minimum ttl", spec.MinimumTtl, MinMinimumTtl, MaxMinimumTtl);
        if (ctx.Problems.ErrorCount != errors)
        {
            return null;
        }

        return new BfdSettings(
            obj.Metadata.Name,
            spec.ReceiveInterval,
            spec.TransmitInterval,
            spec.DetectMultiplier,
            spec.EchoInterval,
            spec.EchoMode ?? false,
            spec.PassiveMode ?? false,
            spec.MinimumTtl);
    }

    private static void CheckRange(
        ValidationContext ctx, BfdProfile obj, string field, string what, uint? value, uint min, uint max)
    {
        if (value is { } v && (v < min || v > max))
        {
            ctx.Error(obj, field, $"invalid {what} value: invalid value {v}, must be in {min}-{max} range");
        }
    }
}
