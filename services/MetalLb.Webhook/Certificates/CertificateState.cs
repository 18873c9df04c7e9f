using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Certificates;

/// <summary>The certificate being served, swapped in place on rotation so Kestrel's selector sees it at once.</summary>
internal sealed class CertificateState(IOptions<CertificateOptions> options) : ICertificateProvider
{
    private readonly bool _disabled = options.Value.Mode == CertificateMode.Disabled;
    private volatile X509Certificate2? _current;
    private volatile bool _ready;

    public bool IsReady => _disabled || _ready;

    public X509Certificate2? Current => _current;

    public void Update(X509Certificate2 certificate, bool ready)
    {
        _current = certificate;
        _ready |= ready;
    }
}
