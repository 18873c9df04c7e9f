using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MetalLb.Webhook.Tests;

public sealed class ServiceTraceWebhookTests : IDisposable
{
    private const string MutatePath = "/mutate-v1-service";
    private const string ValidatePath = "/validate-v1-service";
    private const string Annotation = "metallb-svc.io/traceparent";
    private const string Ports = """[{"port":80,"protocol":"TCP"}]""";

    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ActivityListener _listener;

    public ServiceTraceWebhookTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WebhookTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Create_LoadBalancer_GetsItsAdmissionSpansTraceparent()
    {
        var result = await PostAsync(MutatePath, Review.For(Review.Create, Service("lb-new", "LoadBalancer", """{"team":"web"}""")));

        var span = AdmissionSpan("lb-new", "mutating");
        Assert.True(result.Allowed, result.Message);
        Assert.Equal([$"add /metadata/annotations/metallb-svc.io~1traceparent \"00-{span.TraceId}-{span.SpanId}-01\""], result.Operations);
        Assert.Equal("mutated", span.GetTagItem(WebhookTelemetry.ReasonTag));
        Assert.Equal("Service", span.GetTagItem(WebhookTelemetry.KindTag));
        Assert.Equal("default", span.GetTagItem(WebhookTelemetry.NamespaceTag));
    }

    [Fact]
    public async Task Create_LoadBalancerWithoutAnnotations_GetsTheAnnotationsObject()
    {
        var result = await PostAsync(MutatePath, Review.For(Review.Create, Service("lb-bare", "LoadBalancer", null)));

        var span = AdmissionSpan("lb-bare", "mutating");
        Assert.Equal([$"add /metadata/annotations {{\"{Annotation}\":\"00-{span.TraceId}-{span.SpanId}-01\"}}"], result.Operations);
    }

    [Theory]
    [InlineData("ClusterIP", null)]
    [InlineData("NodePort", null)]
    [InlineData("LoadBalancer", "example.com/other-lb")]
    public async Task Create_OfAServiceMetalLbDoesNotServe_IsNotPatched(string type, string? loadBalancerClass)
    {
        var result = await PostAsync(MutatePath, Review.For(Review.Create, Service("not-ours", type, null, loadBalancerClass: loadBalancerClass)));

        Assert.True(result.Allowed, result.Message);
        Assert.Null(result.Patch);
    }

    [Theory]
    [InlineData("""{"team":"web"}""", Ports, true, """{"team":"web"}""", """[{"port":443,"protocol":"TCP"}]""", true)]
    [InlineData("""{"metallb.io/loadBalancerIPs":"192.0.2.10"}""", Ports, true, """{"metallb.io/loadBalancerIPs":"192.0.2.11"}""", Ports, true)]
    [InlineData("""{}""", Ports, true, """{"metallb.universe.tf/address-pool":"blue"}""", Ports, true)]
    [InlineData("""{"team":"web"}""", Ports, true, """{"team":"platform"}""", Ports, false)]
    [InlineData("""{}""", Ports, false, """{}""", Ports, false)]
    [InlineData("""{}""", Ports, true, """{"kubectl.kubernetes.io/last-applied-configuration":"{}"}""", Ports, false)]
    [InlineData("""{}""", Ports, true, """{"metallb.io/ip-allocated-from-pool":"blue"}""", Ports, false)]
    public async Task Update_GetsANewTraceparentOnlyWhenTheSpecOrAMetalLbAnnotationChanges(
        string oldAnnotations, string oldPorts, bool labelled, string newAnnotations, string newPorts, bool patched)
    {
        var old = Service("lb-upd", "LoadBalancer", oldAnnotations, oldPorts);
        var updated = Service("lb-upd", "LoadBalancer", newAnnotations, newPorts, labels: labelled ? """{"app":"web"}""" : null);

        var result = await PostAsync(MutatePath, Review.For(Review.Update, updated, old));

        Assert.True(result.Allowed, result.Message);
        Assert.Equal(patched, result.Patch is not null);
    }

    [Fact]
    public async Task Update_TurningAServiceIntoALoadBalancer_IsPatched()
    {
        var result = await PostAsync(MutatePath, Review.For(Review.Update, Service("lb-turned", "LoadBalancer", "{}"), Service("lb-turned", "ClusterIP", "{}")));

        Assert.Single(result.Operations);
    }

    [Fact]
    public async Task Validation_AfterTheMutation_JoinsTheTraceTheMutationStarted()
    {
        var mutation = ActivityContext.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
        var stamped = Service("lb-joined", "LoadBalancer", $$"""{"{{Annotation}}":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}""");

        var result = await PostAsync(ValidatePath, Review.For(Review.Create, stamped));

        var span = AdmissionSpan("lb-joined", "validating");
        Assert.True(result.Allowed, result.Message);
        Assert.Equal(mutation.TraceId, span.TraceId);
        Assert.Equal(mutation.SpanId, span.ParentSpanId);
    }

    [Fact]
    public async Task Validation_OfAnUpdateThatKeptTheOldTraceparent_StartsItsOwnTrace()
    {
        var stamped = Service("lb-kept", "LoadBalancer", $$"""{"{{Annotation}}":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}""");

        await PostAsync(ValidatePath, Review.For(Review.Update, stamped, stamped));

        Assert.NotEqual("4bf92f3577b34da6a3ce929d0e0e4736", AdmissionSpan("lb-kept", "validating").TraceId.ToHexString());
    }

    private Activity AdmissionSpan(string name, string type) =>
        Assert.Single(_spans, s => (string?)s.GetTagItem(WebhookTelemetry.NameTag) == name && (string?)s.GetTagItem(WebhookTelemetry.TypeTag) == type);

    private static string Service(string name, string type, string? annotations, string ports = Ports, string? labels = null, string? loadBalancerClass = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = "default" };
        if (annotations is not null)
        {
            metadata["annotations"] = JsonNode.Parse(annotations);
        }

        if (labels is not null)
        {
            metadata["labels"] = JsonNode.Parse(labels);
        }

        var spec = new JsonObject { ["type"] = type, ["ports"] = JsonNode.Parse(ports) };
        if (loadBalancerClass is not null)
        {
            spec["loadBalancerClass"] = loadBalancerClass;
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = metadata, ["spec"] = spec }.ToJsonString();
    }

    private static async Task<AdmissionResult> PostAsync(string path, string review)
    {
        using var factory = WebhookFactory.With("");
        return await factory.CreateClient().PostAsync(path, review);
    }
}
