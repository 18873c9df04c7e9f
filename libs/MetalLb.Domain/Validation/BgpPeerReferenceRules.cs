using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>
/// What a BGPPeer refers to: its password (R13 and the passwordSecret reference) and its BFDProfile.
/// </summary>
/// <remarks>
/// MetalLB's webhook blanks both references before parsing, so problems surface only at runtime (QUIRK 2). This
/// project checks what can be checked offline and says so when it cannot.
/// </remarks>
public static class BgpPeerReferenceRules
{
    /// <summary>R13 and the passwordSecret reference.</summary>
    /// <remarks>
    /// Secrets are not read from manifests, so the Secret's existence, its type (<c>kubernetes.io/basic-auth</c>)
    /// and its <c>password</c> key are checked at runtime by the announcer, not here.
    /// </remarks>
    public static void CheckPassword(ValidationContext ctx, BgpPeer obj)
    {
        var secret = obj.Spec.PasswordSecret;
        var secretName = secret?.Name;
        var secretNamespace = secret?.Namespace;
        if (string.IsNullOrEmpty(secretName) && string.IsNullOrEmpty(secretNamespace))
        {
            // An empty reference ({}) is how Go serialises "no secret": MetalLB treats it as unset.
            return;
        }

        if (!string.IsNullOrEmpty(obj.Spec.Password) && !string.IsNullOrEmpty(secretName))
        {
            ctx.Error(obj, "spec.passwordSecret",
                $"can not have both password and secret ref set in peer config \"{obj.Metadata.Namespace}\"/\"{obj.Metadata.Name}\"");
        }

        if (string.IsNullOrEmpty(secretName))
        {
            ctx.Error(obj, "spec.passwordSecret.name",
                $"invalid passwordSecret: name must not be empty (namespace \"{secretNamespace}\")");
        }

        var ns = ctx.Options.MetalLbNamespace;
        if (!string.IsNullOrEmpty(secretNamespace) && secretNamespace != ns)
        {
            ctx.Error(obj, "spec.passwordSecret.namespace",
                $"invalid passwordSecret \"{secretNamespace}\"/\"{secretName}\": the Secret must be in the MetalLB namespace \"{ns}\"");
        }
    }

    /// <summary>
    /// FRR mode: the referenced BFDProfile must exist when the input holds any BFDProfile; when it holds none the
    /// reference cannot be judged (profiles may be applied separately) and a warning says so.
    /// </summary>
    /// <remarks>
    /// A profile counts as present when it is an object of the input (even one that failed its own rules, which are
    /// reported there) or one of <paramref name="bfdProfiles"/>. Echo mode is not a peer error by itself: a peer
    /// with echo must not get IPv6 advertisements, which the BGPAdvertisement rules check.
    /// </remarks>
    public static void CheckBfdProfile(ValidationContext ctx, BgpPeer obj, IReadOnlyList<BfdSettings> bfdProfiles)
    {
        var name = obj.Spec.BfdProfile;
        if (string.IsNullOrEmpty(name) || ctx.IsNative)
        {
            return;
        }

        if (ctx.Source.BfdProfiles.Count == 0 && bfdProfiles.Count == 0)
        {
            ctx.Warning(obj, "spec.bfdProfile", $"bfd profile \"{name}\" not checked: no BFDProfile in the input");
            return;
        }

        if (bfdProfiles.Any(p => p.Name == name) || ctx.Source.BfdProfiles.Any(p => p.Metadata.Name == name))
        {
            return;
        }

        ctx.Error(obj, "spec.bfdProfile", $"peer {obj.Metadata.Name} referencing non existing bfd profile {name}");
    }
}
