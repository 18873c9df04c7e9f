using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MetalLb.Webhook.Certificates;

/// <summary>PEM export and tolerant import of certificates, keys and CA bundles.</summary>
internal static class CertificatePem
{
    public static string Certificate(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

    public static string Bundle(IEnumerable<X509Certificate2> certificates)
    {
        var text = new StringBuilder();
        foreach (var certificate in certificates)
        {
            text.Append(Certificate(certificate));
        }

        return text.ToString();
    }

    public static string PrivateKey(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException($"certificate {certificate.Subject} has no ECDSA private key");
        return key.ExportPkcs8PrivateKeyPem() + "\n";
    }

    /// <summary>Every certificate in the text; an unreadable bundle reads as empty.</summary>
    public static List<X509Certificate2> ReadBundle(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return [];
        }

        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(pem);
            return [.. collection];
        }
        catch (CryptographicException)
        {
            return [];
        }
    }

    /// <summary>The first certificate in <paramref name="certificatePem"/> with its key, or null when they do not form a pair.</summary>
    public static X509Certificate2? ReadPair(string? certificatePem, string? keyPem)
    {
        if (string.IsNullOrWhiteSpace(certificatePem) || string.IsNullOrWhiteSpace(keyPem))
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The certificate among <paramref name="candidates"/> whose public key belongs to <paramref name="keyPem"/>, joined with it.</summary>
    public static X509Certificate2? FindWithKey(IEnumerable<X509Certificate2> candidates, string? keyPem)
    {
        if (string.IsNullOrWhiteSpace(keyPem))
        {
            return null;
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(keyPem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return null;
        }

        var publicKey = key.ExportSubjectPublicKeyInfo();
        foreach (var candidate in candidates)
        {
            if (candidate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey))
            {
                return candidate.CopyWithPrivateKey(key);
            }
        }

        return null;
    }
}
