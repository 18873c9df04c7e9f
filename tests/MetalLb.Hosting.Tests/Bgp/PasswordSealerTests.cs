using System.Security.Cryptography;
using System.Text;
using MetalLb.Contracts;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Hosting.Tests.Bgp;

public sealed class PasswordSealerTests
{
    private static readonly PasswordKey Key = PasswordKey.FromBytes(RandomNumberGenerator.GetBytes(PasswordKey.Size));

    [Theory]
    [InlineData("s3cret")]
    [InlineData("")]
    [InlineData("pässwörd with spaces and ✓")]
    [InlineData("80 characters, the longest TCP-MD5 key Linux takes: 0123456789012345678901234")]
    public void Seal_ThenUnseal_GivesThePasswordBack(string password)
    {
        var sealedPassword = PasswordSealer.Seal(Key, "node-a", "tor", password);

        var result = PasswordSealer.Unseal(Key, "node-a", "tor", sealedPassword);

        Assert.Equal(new UnsealResult(UnsealOutcome.Unsealed, password, null), result);
    }

    [Fact]
    public void Seal_CarriesNoPlainText_AndAFreshNonceEachTime()
    {
        var first = PasswordSealer.Seal(Key, "node-a", "tor", "s3cret-s3cret");
        var second = PasswordSealer.Seal(Key, "node-a", "tor", "s3cret-s3cret");

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.CipherText, second.CipherText);
        Assert.Equal(PasswordSealer.NonceSize, Convert.FromBase64String(first.Nonce).Length);
        Assert.Equal("s3cret-s3cret".Length + PasswordSealer.TagSize, Convert.FromBase64String(first.CipherText).Length);
        Assert.DoesNotContain("s3cret", first.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", Encoding.UTF8.GetString(Convert.FromBase64String(first.CipherText)), StringComparison.Ordinal);
    }

    [Fact]
    public void KeyId_IsTheFirstEightBytesOfTheKeysSha256()
    {
        var bytes = Enumerable.Range(0, PasswordKey.Size).Select(i => (byte)i).ToArray();

        var key = PasswordKey.FromBytes(bytes);

        Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant(), key.KeyId);
        Assert.Equal(key.KeyId, PasswordSealer.Seal(key, "n", "p", "x").KeyId);
    }

    public static TheoryData<string, string> Replays => new()
    {
        { "node-b", "tor" },
        { "node-a", "spine" },
        { "node-a/tor", "" },
    };

    [Theory]
    [MemberData(nameof(Replays))]
    public void Unseal_ForAnotherNodeOrPeer_DoesNotAuthenticate(string node, string peer)
    {
        var sealedPassword = PasswordSealer.Seal(Key, "node-a", "tor", "s3cret");

        var result = PasswordSealer.Unseal(Key, node, peer, sealedPassword);

        Assert.Equal(UnsealOutcome.Invalid, result.Outcome);
        Assert.Null(result.Password);
        Assert.Equal(
            $"the sealed password for node \"{node}\" and peer \"{peer}\" cannot be read: it does not authenticate (altered, or sealed for another node or peer)",
            result.Problem);
    }

    public static TheoryData<string, int> Tampering => new()
    {
        { "cipher text", 0 },
        { "tag", -1 },
        { "nonce", 0 },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void Unseal_AlteredByOneBit_DoesNotAuthenticate(string part, int index)
    {
        var sealedPassword = PasswordSealer.Seal(Key, "node-a", "tor", "s3cret");
        var altered = part == "nonce"
            ? sealedPassword with { Nonce = FlipBit(sealedPassword.Nonce, index) }
            : sealedPassword with { CipherText = FlipBit(sealedPassword.CipherText, index) };

        var result = PasswordSealer.Unseal(Key, "node-a", "tor", altered);

        Assert.Equal(UnsealOutcome.Invalid, result.Outcome);
        Assert.Null(result.Password);
    }

    [Theory]
    [InlineData("not base64!", "AAAA")]
    [InlineData("AAAA", "AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("AAAAAAAAAAAAAAAA", "AAAA")]
    public void Unseal_Malformed_SaysSo(string nonce, string cipherText)
    {
        var result = PasswordSealer.Unseal(Key, "node-a", "tor", new SealedPassword(Key.KeyId, nonce, cipherText));

        Assert.Equal(UnsealOutcome.Invalid, result.Outcome);
        Assert.EndsWith("cannot be read: it is malformed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unseal_WithAnotherKey_NamesBothKeys()
    {
        var other = PasswordKey.FromBytes(RandomNumberGenerator.GetBytes(PasswordKey.Size));
        var sealedPassword = PasswordSealer.Seal(Key, "node-a", "tor", "s3cret");

        var result = PasswordSealer.Unseal(other, "node-a", "tor", sealedPassword);

        Assert.Equal(
            new UnsealResult(UnsealOutcome.OtherKey, null, $"password sealed with key {Key.KeyId}, this node has key {other.KeyId}"),
            result);
    }

    [Fact]
    public void Unseal_WithoutAKey_SaysWhyThereIsNone()
    {
        var sealedPassword = PasswordSealer.Seal(Key, "node-a", "tor", "s3cret");

        var result = PasswordSealer.Unseal(null, "node-a", "tor", sealedPassword, "Bgp:PasswordKeyFile is not set");

        Assert.Equal(
            new UnsealResult(UnsealOutcome.NoKey, null, $"password sealed with key {Key.KeyId}, this node has no key (Bgp:PasswordKeyFile is not set)"),
            result);
    }

    [Fact]
    public void UnsealResult_ToString_NeverShowsThePassword()
    {
        var result = PasswordSealer.Unseal(Key, "node-a", "tor", PasswordSealer.Seal(Key, "node-a", "tor", "s3cret"));

        Assert.DoesNotContain("s3cret", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_DependsOnTextAndKey_AndHidesTheText()
    {
        var other = PasswordKey.FromBytes(RandomNumberGenerator.GetBytes(PasswordKey.Size));

        Assert.Equal(Key.Fingerprint("s3cret"), Key.Fingerprint("s3cret"));
        Assert.NotEqual(Key.Fingerprint("s3cret"), Key.Fingerprint("s3cret2"));
        Assert.NotEqual(Key.Fingerprint("s3cret"), other.Fingerprint("s3cret"));
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("s3cret"))), Key.Fingerprint("s3cret"));
    }

    private static string FlipBit(string base64, int index)
    {
        var bytes = Convert.FromBase64String(base64);
        var at = index < 0 ? bytes.Length + index : index;
        bytes[at] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }
}
