using System.Security.Cryptography;
using System.Text;
using MetalLb.Contracts;

namespace MetalLb.Hosting.Bgp;

/// <summary>
/// Seals a BGP peer's password for one node with AES-256-GCM, so it never crosses the bus in plain text. The
/// associated data is <c>node/peer</c>: a sealed password copied into another node's or peer's configuration does not
/// authenticate there. Every seal uses a fresh random 12-byte nonce.
/// </summary>
public static class PasswordSealer
{
    public const int NonceSize = 12;

    public const int TagSize = 16;

    public static SealedPassword Seal(PasswordKey key, string node, string peer, string password)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(password);
        var plain = Encoding.UTF8.GetBytes(password);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(NonceSize);
            var sealedBytes = new byte[plain.Length + TagSize];
            using var aes = new AesGcm(key.Bytes, TagSize);
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), AssociatedData(node, peer));
            return new SealedPassword(key.KeyId, Convert.ToBase64String(nonce), Convert.ToBase64String(sealedBytes));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>
    /// The password sealed for <paramref name="node"/> and <paramref name="peer"/>, or the reason it cannot be read;
    /// <paramref name="noKeyProblem"/> says why <paramref name="key"/> is null.
    /// </summary>
    public static UnsealResult Unseal(PasswordKey? key, string node, string peer, SealedPassword sealedPassword, string? noKeyProblem = null)
    {
        ArgumentNullException.ThrowIfNull(sealedPassword);
        if (key is null)
        {
            return new UnsealResult(
                UnsealOutcome.NoKey, null, $"password sealed with key {sealedPassword.KeyId}, this node has no key ({noKeyProblem ?? "none configured"})");
        }

        if (!string.Equals(key.KeyId, sealedPassword.KeyId, StringComparison.Ordinal))
        {
            return new UnsealResult(UnsealOutcome.OtherKey, null, $"password sealed with key {sealedPassword.KeyId}, this node has key {key.KeyId}");
        }

        var nonce = FromBase64(sealedPassword.Nonce);
        var sealedBytes = FromBase64(sealedPassword.CipherText);
        if (nonce is not { Length: NonceSize } || sealedBytes is null || sealedBytes.Length < TagSize)
        {
            return Invalid(node, peer, "it is malformed");
        }

        var plain = new byte[sealedBytes.Length - TagSize];
        try
        {
            using var aes = new AesGcm(key.Bytes, TagSize);
            aes.Decrypt(nonce, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain, AssociatedData(node, peer));
            return new UnsealResult(UnsealOutcome.Unsealed, Encoding.UTF8.GetString(plain), null);
        }
        catch (AuthenticationTagMismatchException)
        {
            return Invalid(node, peer, "it does not authenticate (altered, or sealed for another node or peer)");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static UnsealResult Invalid(string node, string peer, string why) =>
        new(UnsealOutcome.Invalid, null, $"the sealed password for node \"{node}\" and peer \"{peer}\" cannot be read: {why}");

    private static byte[] AssociatedData(string node, string peer) => Encoding.UTF8.GetBytes($"{node}/{peer}");

    private static byte[]? FromBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
