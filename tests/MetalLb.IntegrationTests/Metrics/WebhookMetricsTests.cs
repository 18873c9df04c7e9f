using System.Text;
using MetalLb.TestSupport.Metrics;
using MetalLb.Webhook.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MetalLb.IntegrationTests.Metrics;

/// <summary>The webhook's <c>/metrics</c>, as its Program serves it, against the metric contract.</summary>
[Collection(MetricsAlone.Name)]
public sealed class WebhookMetricsTests
{
    private const string Review = """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
          "uid":"0d3c5d53-7d5e-4b8e-9c55-4f6e0f1c2a01",
          "kind":{"group":"metallb.io","version":"v1beta1","kind":"IPAddressPool"},
          "name":"red","namespace":"metallb-system","operation":"CREATE","userInfo":{"username":"admin"},
          "object":{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"red","namespace":"metallb-system"},
                    "spec":{"addresses":["192.0.2.8/29"]}}}}
        """;

    [Fact]
    public async Task DeniedWrite_ShowsEveryWebhookMetricOfTheContract_WithItsLabels()
    {
        var directory = Directory.CreateTempSubdirectory("metallb-svc-webhook-metrics-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "pool.yaml"), """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: blue, namespace: metallb-system}
                spec: {addresses: [192.0.2.0/28]}
                """);
            using var factory = new ManifestWebhookFactory(directory.FullName);
            var client = factory.CreateClient();

            using var response = await client.PostAsync(
                "/validate-metallb-io-v1beta1-ipaddresspool", new StringContent(Review, Encoding.UTF8, "application/json"));
            var page = PrometheusText.Parse(await client.GetStringAsync("/metrics"));

            Assert.Contains("\"allowed\":false", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(1, page.Value(WebhookMetrics.Denials, ("kind", "IPAddressPool"), ("reason", "spec.addresses")));
            LiveMetrics.AssertMatchesContract(
                page,
                WebhookMetrics.RequestDuration, WebhookMetrics.Denials, "metallb_k8s_client_config_loaded_bool",
                "metallb_k8s_client_config_stale_bool", "metallb_k8s_client_updates_total", "metallb_k8s_client_update_errors_total");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private sealed class ManifestWebhookFactory(string manifests) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Webhook:Tls:Mode", "Disabled");
            builder.UseSetting("Webhook:Manifests", manifests);
        }
    }
}
