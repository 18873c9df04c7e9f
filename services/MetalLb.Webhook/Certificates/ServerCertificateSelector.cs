using System.Security.Cryptography.X509Certificates;

namespace MetalLb.Webhook.Certificates;

/// <summary>
/// Picks the certificate for each TLS handshake: the provider's current one, so a rotation takes effect on the next
/// connection without a restart; an untrusted placeholder until the first certificate is loaded.
/// </summary>
internal sealed class ServerCertificateSelector(ICertificateProvider provider, TimeProvider timeProvider)
{
    private readonly Lazy<X509Certificate2> _placeholder = new(() => CertificateFactory.CreatePlaceholder(timeProvider.GetUtcNow()));

    public X509Certificate2 Select() => provider.Current ?? _placeholder.Value;
}
