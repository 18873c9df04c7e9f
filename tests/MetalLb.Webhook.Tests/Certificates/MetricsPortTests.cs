using System.Net;
using System.Net.Sockets;

namespace MetalLb.Webhook.Tests.Certificates;

/// <summary>
/// The webhook on Kestrel with a TLS listener and the plain-HTTP metrics listener deploy/ gives it: the metrics port
/// serves <c>/metrics</c> and health, never admission.
/// </summary>
public sealed class MetricsPortTests : IDisposable
{
    private const string Pool = """{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"p","namespace":"metallb-system"},"spec":{"addresses":["192.0.2.0/28"]}}""";

    private readonly ScratchDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(true, HttpStatusCode.NotFound)]
    [InlineData(false, HttpStatusCode.OK)]
    public async Task Admission_OnThePlainPort_IsServedOnlyWhenItIsNotTheMetricsPort(bool metricsPort, HttpStatusCode expected)
    {
        var port = FreePort();
        await using var factory = Start(port, metricsPort);
        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var admission = await plain.PostRawAsync(AdmissionExtensions.PoolMutationPath, Review.For(Review.Create, Pool));
        using var conversion = await plain.PostRawAsync(AdmissionExtensions.ConversionPath, "{}");
        using var metrics = await plain.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var health = await plain.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(expected, admission.StatusCode);
        Assert.Equal(metricsPort, conversion.StatusCode == HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private HttpsWebhookFactory Start(int plainPort, bool metricsPort)
    {
        var manifests = Directory.CreateDirectory(_directory.File("manifests")).FullName;
        (string, string)[] settings = metricsPort
            ? [("urls", $"https://127.0.0.1:0;http://127.0.0.1:{plainPort}"), ("Webhook:MetricsPort", plainPort.ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : [("urls", $"https://127.0.0.1:0;http://127.0.0.1:{plainPort}")];
        var factory = new HttpsWebhookFactory(manifests, _directory.File("certs"), settings);
        factory.UseKestrel();
        factory.StartServer();
        return factory;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
