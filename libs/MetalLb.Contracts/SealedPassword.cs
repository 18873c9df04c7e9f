namespace MetalLb.Contracts;

/// <summary>A secret sealed with AES-256-GCM under a key both the allocator and the announcers read from a mounted Secret.</summary>
/// <param name="KeyId">Names the key (the first 8 bytes of its SHA-256, hex) so a node with another key says so instead of failing MD5.</param>
/// <param name="Nonce">The 12-byte nonce, base64.</param>
/// <param name="CipherText">The cipher text followed by the 16-byte tag, base64; the associated data is <c>node/peer</c>.</param>
public sealed record SealedPassword(string KeyId, string Nonce, string CipherText);
