using System.Security.Cryptography.X509Certificates;
using MetalLb.Webhook.Certificates;

namespace MetalLb.Webhook.Tests;

/// <summary>A certificate provider that is as ready as the test says, serving no certificate (plain HTTP).</summary>
internal sealed class FakeCertificates(bool ready = true) : ICertificateProvider
{
    public bool IsReady { get; set; } = ready;

    public X509Certificate2? Current => null;
}
