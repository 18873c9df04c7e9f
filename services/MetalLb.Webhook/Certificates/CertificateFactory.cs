using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MetalLb.Webhook.Certificates;

/// <summary>Creates the webhook's ECDSA P-256 CA and the serving certificates it signs.</summary>
internal static class CertificateFactory
{
    /// <summary>Certificates start a little in the past so a peer whose clock lags still accepts them.</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    private const string Organization = "metallb-svc";

    /// <summary>
    /// A self-signed CA. Its name carries the creation time (as Kubernetes' own self-signed certificates do) so an old
    /// and a new CA in one bundle never share a subject.
    /// </summary>
    public static X509Certificate2 CreateCa(string serviceName, DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name($"{serviceName}-ca@{now.ToUnixTimeSeconds()}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now - Backdate, now + validity);
    }

    /// <summary>A serving certificate signed by <paramref name="ca"/>, never valid beyond it.</summary>
    public static X509Certificate2 CreateServing(X509Certificate2 ca, ServingNames names, DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name(names.CommonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], false));
        request.CertificateExtensions.Add(names.ToExtension());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var caNotBefore = new DateTimeOffset(ca.NotBefore);
        var caNotAfter = new DateTimeOffset(ca.NotAfter);
        var notBefore = Max(now - Backdate, caNotBefore);
        var notAfter = Min(now + validity, caNotAfter);
        using var signed = request.Create(ca, notBefore, notAfter, SerialNumber());
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// An untrusted stand-in served until the real certificate is loaded, so the port speaks TLS from the start
    /// (liveness probes over HTTPS succeed while readiness still waits).
    /// </summary>
    public static X509Certificate2 CreatePlaceholder(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name("metallb-svc-webhook-placeholder"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], false));
        return request.CreateSelfSigned(now - Backdate, now.AddYears(10));
    }

    private static X500DistinguishedName Name(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddOrganizationName(Organization);
        builder.AddCommonName(commonName);
        return builder.Build();
    }

    /// <summary>A positive 128-bit serial number (RFC 5280 §4.1.2.2 allows up to 20 octets).</summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
