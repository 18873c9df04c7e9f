using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MetalLb.Webhook.Certificates;
using Microsoft.Extensions.DependencyInjection;

namespace MetalLb.Webhook.Tests.Certificates;

public sealed class HttpsEndToEndTests : IDisposable
{
    private readonly ScratchDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Healthz_OverRealHttps_IsReachableTrustingOnlyTheGeneratedCaWithTls13()
    {
        await using var factory = Start();
        var readyAtStart = factory.Services.GetRequiredService<ICertificateProvider>().IsReady;
        var negotiated = new List<SslProtocols>();

        using var trusting = new HttpClient(TrustingOnly(await GeneratedCaAsync(), negotiated));
        using var response = await trusting.GetAsync(new Uri(factory.Address, "/healthz"));
        using var untrusting = new HttpClient(new SocketsHttpHandler());
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync(new Uri(factory.Address, "/healthz")));

        Assert.True(readyAtStart);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([SslProtocols.Tls13], negotiated);
        Assert.IsType<AuthenticationException>(refused.InnerException);
    }

    [Fact]
    public async Task Healthz_FromATls12OnlyClient_IsServedByDefault()
    {
        await using var factory = Start();
        var negotiated = new List<SslProtocols>();

        using var client = new HttpClient(TrustingOnly(await GeneratedCaAsync(), negotiated, SslProtocols.Tls12));
        using var response = await client.GetAsync(new Uri(factory.Address, "/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([SslProtocols.Tls12], negotiated);
    }

    [Fact]
    public async Task Healthz_FromATls12OnlyClient_IsRefusedWhenTls13IsTheMinimum()
    {
        await using var factory = Start(("Webhook:Tls:MinTlsVersion", "1.3"));

        using var client = new HttpClient(TrustingOnly(await GeneratedCaAsync(), [], SslProtocols.Tls12));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(factory.Address, "/healthz")));

        Assert.NotNull(refused.InnerException);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public async Task Healthz_AskedForHttp2_IsServedOverHttp2OnlyWhenEnabled(bool enabled, int expectedMajor)
    {
        await using var factory = Start(("Webhook:Tls:EnableHttp2", enabled ? "true" : "false"));

        using var client = new HttpClient(TrustingOnly(await GeneratedCaAsync(), []))
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        using var response = await client.GetAsync(new Uri(factory.Address, "/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectedMajor, response.Version.Major);
    }

    private HttpsWebhookFactory Start(params (string Key, string Value)[] settings)
    {
        var manifests = Directory.CreateDirectory(_directory.File("manifests")).FullName;
        var factory = new HttpsWebhookFactory(manifests, _directory.File("certs"), settings);
        factory.UseKestrel();
        factory.StartServer();
        return factory;
    }

    private async Task<List<X509Certificate2>> GeneratedCaAsync() =>
        CertificateTestKit.Bundle(await File.ReadAllTextAsync(Path.Combine(_directory.File("certs"), CertificateMaterial.CaBundleKey)));

    /// <summary>A handler whose only trust anchor is the given CA; host name checks stay on.</summary>
    private static SocketsHttpHandler TrustingOnly(
        IEnumerable<X509Certificate2> ca,
        List<SslProtocols> negotiated,
        SslProtocols protocols = SslProtocols.None)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.AddRange(ca.ToArray());
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy, EnabledSslProtocols = protocols },
            PlaintextStreamFilter = (context, _) =>
            {
                if (context.PlaintextStream is SslStream tls)
                {
                    negotiated.Add(tls.SslProtocol);
                }

                return ValueTask.FromResult(context.PlaintextStream);
            },
        };
    }
}
