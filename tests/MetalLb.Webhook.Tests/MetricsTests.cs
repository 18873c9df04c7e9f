using MetalLb.TestSupport.Metrics;
using MetalLb.Webhook.Admission;
using MetalLb.Webhook.Metrics;

namespace MetalLb.Webhook.Tests;

[Collection(MetricsAlone.Name)]
public class MetricsTests
{
    private const string PoolPath = "/validate-metallb-io-v1beta1-ipaddresspool";
    private const string ServicePath = "/validate-v1-service";

    private const string Pool = """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: blue, namespace: metallb-system}
        spec: {addresses: [192.0.2.0/28]}
        """;

    [Fact]
    public async Task DeniedAndAllowedWrites_AreCountedByKindAndRule_AndTimed()
    {
        using var factory = WebhookFactory.With(Pool);
        var client = factory.CreateClient();
        const string outside = """{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"red","namespace":"elsewhere"},"spec":{"addresses":["198.51.100.0/28"]}}""";
        const string overlapping = """{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"green","namespace":"metallb-system"},"spec":{"addresses":["192.0.2.8/29"]}}""";
        const string fine = """{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"gold","namespace":"metallb-system"},"spec":{"addresses":["203.0.113.0/28"]}}""";
        const string pinned = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default","annotations":{"metallb.io/loadBalancerIPs":"203.0.113.7"}},"spec":{"type":"LoadBalancer","clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],"ipFamilies":["IPv4"],"ports":[{"port":80}]}}""";

        var denied = await client.PostAsync(PoolPath, Review.For(Review.Create, outside));
        var overlap = await client.PostAsync(PoolPath, Review.For(Review.Create, overlapping));
        var allowed = await client.PostAsync(PoolPath, Review.For(Review.Create, fine));
        var service = await client.PostAsync(ServicePath, Review.For(Review.Create, pinned));
        var metrics = PrometheusText.Parse(await client.GetStringAsync("/metrics"));

        Assert.Equal((false, false, true, false), (denied.Allowed, overlap.Allowed, allowed.Allowed, service.Allowed));
        Assert.Equal(1, metrics.Value(WebhookMetrics.Denials, ("kind", "IPAddressPool"), ("reason", "metadata.namespace")));
        Assert.Equal(1, metrics.Value(WebhookMetrics.Denials, ("kind", "IPAddressPool"), ("reason", "spec.addresses")));
        Assert.Equal(1, metrics.Value(WebhookMetrics.Denials, ("kind", "Service"), ("reason", "requested_ip_unavailable")));
        Assert.Equal(2, metrics.Value(WebhookMetrics.RequestDuration + "_count", ("kind", "IPAddressPool"), ("operation", "CREATE"), ("allowed", "false")));
        Assert.Equal(1, metrics.Value(WebhookMetrics.RequestDuration + "_count", ("kind", "IPAddressPool"), ("operation", "CREATE"), ("allowed", "true")));
        Assert.Equal(1, metrics.Value(WebhookMetrics.RequestDuration + "_bucket", ("kind", "Service"), ("allowed", "false"), ("le", "+Inf")));
        Assert.True(metrics.Value(WebhookMetrics.RequestDuration + "_sum", ("kind", "Service"), ("allowed", "false")) > 0);
        Assert.DoesNotContain(metrics.All(WebhookMetrics.Denials), s => s.Labels["reason"].Contains(' ', StringComparison.Ordinal));
    }

    [Fact]
    public async Task KindOutsideTheServedOnes_IsLabelledOther()
    {
        using var factory = WebhookFactory.With(Pool);
        var client = factory.CreateClient();
        const string stranger = """{"apiVersion":"example.com/v1","kind":"Gadget-4f1c","metadata":{"name":"g","namespace":"metallb-system"}}""";

        var result = await client.PostAsync(PoolPath, Review.For(Review.Create, stranger));
        var metrics = PrometheusText.Parse(await client.GetStringAsync("/metrics"));

        Assert.False(result.Allowed);
        Assert.Equal(1, metrics.Value(WebhookMetrics.Denials, ("kind", WebhookMetrics.Other), ("reason", DenialReason.InvalidRequest)));
        Assert.DoesNotContain(metrics.Samples, s => s.Labels.Values.Any(v => v.Contains("Gadget", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(Pool, 1, 0)]
    [InlineData(Pool + "\n---\n" + """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: red, namespace: metallb-system}
        spec: {addresses: [192.0.2.8/29]}
        """, 0, 1)]
    public async Task CacheGauges_SayWhetherTheCurrentObjectsValidate(string yaml, int loaded, int stale)
    {
        using var factory = WebhookFactory.With(yaml);
        var client = factory.CreateClient();

        var metrics = PrometheusText.Parse(await client.GetStringAsync("/metrics"));

        Assert.Equal(loaded, metrics.Value("metallb_k8s_client_config_loaded_bool"));
        Assert.Equal(stale, metrics.Value("metallb_k8s_client_config_stale_bool"));
        Assert.Equal(1, metrics.Value("metallb_k8s_client_updates_total"));
        Assert.Equal(stale, metrics.Value("metallb_k8s_client_update_errors_total"));
    }

    [Theory]
    [InlineData("spec.addresses[3]", "spec.addresses")]
    [InlineData("spec.nodeSelectors[0].matchExpressions[2].key", "spec.nodeSelectors.matchExpressions.key")]
    [InlineData("metadata.name", "metadata.name")]
    [InlineData("", DenialReason.Unspecified)]
    public void DenialReason_OfField_DropsIndices(string field, string expected) =>
        Assert.Equal(expected, DenialReason.OfField(field));
}
