using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Peering;

/// <summary>
/// Finds a BGPPeer's password: <c>spec.password</c>, or the <c>password</c> key of the <c>kubernetes.io/basic-auth</c>
/// Secret that <c>spec.passwordSecret</c> names in the MetalLB namespace (METALLB-SPEC §1.4).
/// </summary>
/// <remarks>
/// MetalLB fails the whole configuration when the Secret is missing or wrong; here only that peer is affected: it gets
/// a problem naming the Secret and what is wrong with it, and no session is attempted without its password.
/// </remarks>
public static class PeerPasswords
{
    public static PeerPassword Resolve(Peer peer, IReadOnlyList<SecretInfo> secrets, string metalLbNamespace)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(secrets);
        if (peer.Password is { } plain)
        {
            return PeerPassword.Of(plain);
        }

        if (peer.PasswordSecretName is not { } name)
        {
            return PeerPassword.None;
        }

        var reference = $"Secret \"{metalLbNamespace}/{name}\" (spec.passwordSecret of BGPPeer \"{peer.Name}\")";
        var secret = secrets.FirstOrDefault(s => s.Metadata.Name == name && s.Metadata.Namespace == metalLbNamespace);
        if (secret is null)
        {
            return PeerPassword.Unusable($"{reference} not found");
        }

        if (secret.Type != SecretInfo.BasicAuthType)
        {
            return PeerPassword.Unusable($"{reference} has type \"{secret.Type}\", \"{SecretInfo.BasicAuthType}\" is expected");
        }

        return secret.Password switch
        {
            null => PeerPassword.Unusable($"{reference} has no \"{SecretInfo.PasswordKey}\" key (data.{SecretInfo.PasswordKey})"),
            "" => PeerPassword.Unusable($"{reference} has an empty \"{SecretInfo.PasswordKey}\" key (data.{SecretInfo.PasswordKey})"),
            var value => PeerPassword.Of(value),
        };
    }
}
