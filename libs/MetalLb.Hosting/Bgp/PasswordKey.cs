using System.Security.Cryptography;
using System.Text;

namespace MetalLb.Hosting.Bgp;

/// <summary>The AES-256 key that seals BGP peer passwords on the bus, and the id that names it without revealing it.</summary>
public sealed class PasswordKey
{
    /// <summary>The key length in bytes.</summary>
    public const int Size = 32;

    private readonly byte[] _key;

    private PasswordKey(byte[] key)
    {
        _key = key;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
    }

    /// <summary>The first 8 bytes of the key's SHA-256, lower-case hex.</summary>
    public string KeyId { get; }

    internal ReadOnlySpan<byte> Bytes => _key;

    /// <summary>A key of exactly <see cref="Size"/> bytes.</summary>
    public static PasswordKey FromBytes(ReadOnlySpan<byte> key) =>
        key.Length == Size
            ? new PasswordKey(key.ToArray())
            : throw new ArgumentException($"a password key is {Size} bytes, not {key.Length}", nameof(key));

    /// <summary>
    /// Reads a key file's content: exactly 32 raw bytes (<c>head -c 32 /dev/urandom</c>), or the base64 of 32 bytes
    /// with surrounding whitespace (<c>openssl rand -base64 32</c>). Null and a problem when it is neither.
    /// </summary>
    public static PasswordKey? Parse(ReadOnlySpan<byte> content, out string? problem)
    {
        problem = null;
        if (content.Length == Size)
        {
            return new PasswordKey(content.ToArray());
        }

        var text = Encoding.ASCII.GetString(content).Trim();
        var decoded = new byte[Size + 3];
        try
        {
            if (Convert.TryFromBase64String(text, decoded, out var written) && written == Size)
            {
                return new PasswordKey(decoded[..Size]);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(decoded);
        }

        problem = $"holds {content.Length} bytes that are neither {Size} raw bytes nor the base64 of {Size} bytes";
        return null;
    }

    /// <summary>
    /// An HMAC-SHA256 of <paramref name="text"/> under this key, hex: compares passwords (has one changed?) without
    /// keeping them, and differs under another key.
    /// </summary>
    public string Fingerprint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));
    }

    public override string ToString() => $"key {KeyId}";
}
