using System.Collections.Concurrent;
using System.Diagnostics;

namespace MetalLb.Cli.Tests.Lab;

[Collection(TracingAlone.Name)]
public sealed class LabTraceTests : IDisposable
{
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ActivityListener _listener;

    public LabTraceTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("MetalLb.", StringComparison.Ordinal) || s.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Lab_OneServiceWrite_IsOneTrace_AdmissionReconcilePublishBusAnnounce()
    {
        var (code, output, error) = await CliRunner.RunAsync("lab", "-f", CliRunner.Examples);
        Assert.True(code == 0, output + error);

        var admission = Assert.Single(_spans, s => s.OperationName == "admission Service" && Tag(s, "admission.name") == "web" && Tag(s, "admission.type") == "mutating");
        var trace = _spans.Where(s => s.TraceId == admission.TraceId).ToArray();
        var validation = Assert.Single(trace, s => Tag(s, "admission.type") == "validating");
        var reconcile = Assert.Single(trace, s => s.OperationName == "reconcile default/web");
        var publish = Assert.Single(trace, s => s.OperationName == "publish plan default/web");
        var announces = trace.Where(s => s.OperationName == "announce default/web").ToArray();

        Assert.Equal("True", Tag(admission, "admission.allowed"));
        Assert.Equal((admission.SpanId, "True"), (validation.ParentSpanId, Tag(validation, "admission.allowed")));
        Assert.Equal(admission.SpanId, reconcile.ParentSpanId);
        Assert.Equal("192.168.250.48", Tag(reconcile, "allocator.ips"));
        Assert.Equal("manifest-pack", Tag(reconcile, "allocator.pool"));
        Assert.Equal(reconcile.SpanId, publish.ParentSpanId);
        Assert.Contains(trace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer);
        Assert.Contains(trace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer);
        Assert.Equal(3, announces.Length);
        Assert.All(announces, a => Assert.Contains(publish.SpanId, Ancestors(a, trace)));
        Assert.Single(announces, a => Tag(a, "announcer.l2.elected") == "True");
        Assert.All(trace, s => Assert.True(s.StartTimeUtc >= admission.StartTimeUtc));
    }

    [Fact]
    public async Task Lab_DeniedWrite_IsAnErrorSpanWithTheReason()
    {
        using var dir = new TempDir();
        dir.Write("all.yaml", LabYaml.Pool("seed", "192.0.2.10-192.0.2.20") + LabYaml.Pool("clash", "192.0.2.15/32"));

        await CliRunner.RunAsync("lab", "-f", dir.Path);

        var denied = Assert.Single(_spans, s => s.OperationName == "admission IPAddressPool" && Tag(s, "admission.name") == "clash" && Tag(s, "admission.type") == "validating");
        var mutation = Assert.Single(_spans, s => s.SpanId == denied.ParentSpanId);
        Assert.Equal(("mutating", ActivityStatusCode.Unset), (Tag(mutation, "admission.type"), mutation.Status));
        Assert.Equal(ActivityStatusCode.Error, denied.Status);
        Assert.Contains("overlaps", denied.StatusDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lab_FailedAllocation_IsAnErrorReconcileSpanWithTheReason_InTheTraceOfItsWrite()
    {
        using var dir = new TempDir();
        dir.Write("all.yaml", LabYaml.Pool("single", "192.0.2.30/32") + LabYaml.L2Ad("l2") + LabYaml.Service("first-lb") + LabYaml.Service("second-lb"));

        await CliRunner.RunAsync("lab", "-f", dir.Path);

        var failed = Assert.Single(_spans, s => s.OperationName == "reconcile default/second-lb");
        var admission = Assert.Single(_spans, s => s.OperationName == "admission Service" && Tag(s, "admission.name") == "second-lb" && Tag(s, "admission.type") == "mutating");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Contains("no available IPs", failed.StatusDescription, StringComparison.Ordinal);
        Assert.Equal(admission.SpanId, failed.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, Assert.Single(_spans, s => s.OperationName == "reconcile default/first-lb").Status);
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    private static IEnumerable<ActivitySpanId> Ancestors(Activity span, Activity[] trace)
    {
        var byId = trace.ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; byId.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            yield return parent;
        }
    }
}
