using System.Collections.Concurrent;
using System.Diagnostics;
using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;

namespace MetalLb.Hosting.Tests.Announcing;

public sealed class AnnouncerAgentTracingTests : IDisposable
{
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ActivityListener _listener;

    public AnnouncerAgentTracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is AnnouncerTelemetry.SourceName or "test.consume",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Apply_IsOneSpanUnderTheConsume_WithTheElectionArpNdpAndBgpUpdatesByPeer()
    {
        using var consumeSource = new ActivitySource("test.consume");
        using var agent = new AnnouncerAgent("node-a", new RecordingDataPlane());
        ActivitySpanId consumeId;

        using (var consume = consumeSource.StartActivity("consume"))
        {
            consumeId = consume!.SpanId;
            await agent.ApplyAsync(DualStackPlan("ns/traced-elected"));
        }

        var span = Assert.Single(_spans, s => s.OperationName == "announce ns/traced-elected");
        Assert.Equal(consumeId, span.ParentSpanId);
        Assert.Equal("node-a", span.GetTagItem(AnnouncerTelemetry.NodeTag));
        Assert.Equal(true, span.GetTagItem(AnnouncerTelemetry.ElectedTag));
        Assert.Equal(2, span.GetTagItem(AnnouncerTelemetry.ClaimsTag));
        Assert.Equal(1, span.GetTagItem(AnnouncerTelemetry.ArpTag));
        Assert.Equal(1, span.GetTagItem(AnnouncerTelemetry.NdpTag));
        Assert.Equal(4, span.GetTagItem(AnnouncerTelemetry.UpdatesTag));
        Assert.Equal(["peer-1", "peer-2"], (string[])span.GetTagItem(AnnouncerTelemetry.PeersTag)!);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task Apply_OnANodeThatLostTheElection_SaysSoAndSendsNothing()
    {
        using var agent = new AnnouncerAgent("node-z", new RecordingDataPlane());

        await agent.ApplyAsync(DualStackPlan("ns/traced-lost"));

        var span = Assert.Single(_spans, s => s.OperationName == "announce ns/traced-lost");
        Assert.Equal(false, span.GetTagItem(AnnouncerTelemetry.ElectedTag));
        Assert.Equal(0, span.GetTagItem(AnnouncerTelemetry.ClaimsTag));
        Assert.Equal(0, span.GetTagItem(AnnouncerTelemetry.UpdatesTag));
        Assert.Empty((string[])span.GetTagItem(AnnouncerTelemetry.PeersTag)!);
    }

    private static AnnouncementPlan DualStackPlan(string key) =>
        new(
            key,
            1,
            ["192.0.2.1", "2001:db8::1"],
            "default",
            [new L2Candidate("node-a", 0, [])],
            [new BgpNodeRoutes("node-a", [
                new BgpRoute("192.0.2.1/32", 100, [], ["peer-1", "peer-2"]),
                new BgpRoute("2001:db8::1/128", 100, [], ["peer-1", "peer-2"])])],
            []);
}
