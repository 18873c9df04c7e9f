using System.Collections.Concurrent;
using System.Diagnostics;

namespace MetalLb.Webhook.Tests;

public class TelemetryTests
{
    [Fact]
    public async Task Admission_IsOneSpanWithItsTags_AndADenialIsAnError()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WebhookTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var factory = WebhookFactory.With("");
        const string pool = """{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"traced-pool","namespace":"elsewhere"},"spec":{"addresses":["10.0.0.0/24"]}}""";

        var result = await factory.CreateClient().PostAsync("/validate-metallb-io-v1beta1-ipaddresspool", Review.For(Review.Create, pool));

        var span = Assert.Single(spans, s => (string?)s.GetTagItem(WebhookTelemetry.NameTag) == "traced-pool");
        Assert.False(result.Allowed);
        Assert.Equal("IPAddressPool", span.GetTagItem(WebhookTelemetry.KindTag));
        Assert.Equal("elsewhere", span.GetTagItem(WebhookTelemetry.NamespaceTag));
        Assert.Equal("CREATE", span.GetTagItem(WebhookTelemetry.OperationTag));
        Assert.Equal(false, span.GetTagItem(WebhookTelemetry.AllowedTag));
        Assert.Equal(result.Message, span.GetTagItem(WebhookTelemetry.ReasonTag));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }
}
