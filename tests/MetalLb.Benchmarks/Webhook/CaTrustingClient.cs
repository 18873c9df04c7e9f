using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MetalLb.Benchmarks.Webhook;

/// <summary>
/// The load client: HTTP/1.1 over TLS, a connection per concurrent request, trusting only the CA the webhook generated
/// (host name checks stay on, so the certificate must name 127.0.0.1).
/// </summary>
internal static class CaTrustingClient
{
    public static HttpClient Create(Uri baseAddress, string caBundlePem, int connections)
    {
        var ca = new X509Certificate2Collection();
        ca.ImportFromPem(caBundlePem);
        if (ca.Count == 0)
        {
            throw new InvalidOperationException("the webhook's CA bundle holds no certificate");
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.AddRange(ca);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
        };
        return new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }
}
