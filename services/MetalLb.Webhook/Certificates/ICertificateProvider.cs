using System.Security.Cryptography.X509Certificates;

namespace MetalLb.Webhook.Certificates;

/// <summary>The serving certificate of the webhook and whether it is ready to be served.</summary>
public interface ICertificateProvider
{
    /// <summary>
    /// True once a certificate is loaded (in Self mode also once its CA bundle was offered to the API server), and
    /// always in <see cref="CertificateMode.Disabled"/> mode.
    /// </summary>
    bool IsReady { get; }

    /// <summary>The certificate to serve now; null before the first one is loaded and in Disabled mode.</summary>
    X509Certificate2? Current { get; }
}
