using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Peering;

namespace MetalLb.Domain.Tests.Peering;

/// <summary>METALLB-SPEC §1.4: <c>password</c>, or <c>passwordSecret</c> — a basic-auth Secret in the MetalLB namespace, key <c>password</c>.</summary>
public sealed class PeerPasswordsTests
{
    private const string Ns = "metallb-system";

    private static readonly Dictionary<string, SecretInfo> Secrets = new()
    {
        ["good"] = Secret("bgp-pass", SecretInfo.BasicAuthType, "s3cret"),
        ["opaque"] = Secret("bgp-pass", "Opaque", "s3cret"),
        ["no key"] = Secret("bgp-pass", SecretInfo.BasicAuthType, null),
        ["empty key"] = Secret("bgp-pass", SecretInfo.BasicAuthType, ""),
        ["other namespace"] = Secret("bgp-pass", SecretInfo.BasicAuthType, "s3cret", "default"),
        ["other name"] = Secret("other", SecretInfo.BasicAuthType, "s3cret"),
    };

    public static TheoryData<string, string?, string?> SecretCases => new()
    {
        { "good", "s3cret", null },
        { "opaque", null, "Secret \"metallb-system/bgp-pass\" (spec.passwordSecret of BGPPeer \"tor\") has type \"Opaque\", \"kubernetes.io/basic-auth\" is expected" },
        { "no key", null, "Secret \"metallb-system/bgp-pass\" (spec.passwordSecret of BGPPeer \"tor\") has no \"password\" key (data.password)" },
        { "empty key", null, "Secret \"metallb-system/bgp-pass\" (spec.passwordSecret of BGPPeer \"tor\") has an empty \"password\" key (data.password)" },
        { "other namespace", null, "Secret \"metallb-system/bgp-pass\" (spec.passwordSecret of BGPPeer \"tor\") not found" },
        { "other name", null, "Secret \"metallb-system/bgp-pass\" (spec.passwordSecret of BGPPeer \"tor\") not found" },
    };

    [Theory]
    [MemberData(nameof(SecretCases))]
    public void Resolve_PasswordSecret_ReadsTheBasicAuthPasswordKey_OrSaysWhatIsWrong(string secret, string? value, string? problem)
    {
        var peer = new Peer { Name = "tor", PasswordSecretName = "bgp-pass" };

        var password = PeerPasswords.Resolve(peer, [Secrets[secret]], Ns);

        Assert.Equal(new PeerPassword(value, problem), password);
    }

    [Fact]
    public void Resolve_PlainPassword_IsTaken()
    {
        var peer = new Peer { Name = "tor", Password = "plain" };

        Assert.Equal(PeerPassword.Of("plain"), PeerPasswords.Resolve(peer, [], Ns));
    }

    [Fact]
    public void Resolve_NoPassword_IsNone()
    {
        Assert.Equal(PeerPassword.None, PeerPasswords.Resolve(new Peer { Name = "tor" }, [Secrets["good"]], Ns));
    }

    [Fact]
    public void ToString_NeverShowsThePassword()
    {
        var texts = new[]
        {
            PeerPassword.Of("s3cret").ToString(),
            Secrets["good"].ToString(),
            new Peer { Name = "tor", Password = "s3cret" }.ToString(),
            new BgpPeerSpec { PeerAddress = "192.0.2.1", Password = "s3cret" }.ToString(),
        };

        Assert.All(texts, t => Assert.DoesNotContain("s3cret", t, StringComparison.Ordinal));
    }

    private static SecretInfo Secret(string name, string type, string? password, string ns = Ns) =>
        new(new ObjectMeta { Name = name, Namespace = ns }) { Type = type, Password = password };
}
