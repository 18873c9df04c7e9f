using System.Diagnostics;
using MetalLb.Allocator.Bus;
using MetalLb.Domain.Net;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using DomainPlan = MetalLb.Domain.Announcement.AnnouncementPlan;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>
/// The trace context crosses RabbitMQ in the message headers: the announcer's consume activity is in the trace of
/// the allocator's publish, its receive activity a remote child of MassTransit's publish activity.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class BusTracingTests
{
    [RootFact]
    public async Task AllocatorPlan_AnnouncerConsume_IsInThePublishActivitysTrace()
    {
        using var recorder = new ActivityRecorder();
        await using var scenario = await BusScenario.StartAsync();
        var node = new AnnouncerNode("node-a");
        await scenario.Cluster.ApplyAsync(AllocatorYaml.Node("node-a"));
        await scenario.StartAnnouncerAsync(node);
        await scenario.StartAllocatorAsync();

        await scenario.AddServiceAsync("web", "node-a");

        await node.WaitUntilAsync(b => b.Find("default/web") is not null, BusScenario.Timeout, "a plan for default/web");
        var consumed = node.Consumed.First(c => c.ServiceKey == "default/web");
        Assert.NotNull(consumed.TraceId);
        var chain = await ChainToRootAsync(recorder, consumed);
        var publish = Assert.Single(chain, a => a.Kind == ActivityKind.Producer);
        Assert.Contains(publish.TagObjects, t => Equals(t.Value?.ToString(), consumed.MessageId?.ToString()));
        var receive = Assert.Single(chain, a => a.HasRemoteParent);
        Assert.Equal(ActivityKind.Consumer, receive.Kind);
        Assert.Equal(publish.SpanId, receive.ParentSpanId);
        var allocatorPublish = chain.Single(a => a.SpanId == publish.ParentSpanId);
        Assert.Equal("publish plan default/web", allocatorPublish.DisplayName);
        Assert.All(chain, a => Assert.Equal(publish.TraceId, a.TraceId));
    }

    [RootFact]
    public async Task ActivityAroundAllocatorPublish_ContinuesIntoAnnouncerConsume()
    {
        using var recorder = new ActivityRecorder();
        var broker = new RabbitMqFixture();
        await broker.InitializeAsync();
        var hosts = new List<IHost>();
        try
        {
            Assert.Null(broker.SkipReason);
            var node = new AnnouncerNode("node-t");
            hosts.Add(BusHosts.Announcer(broker, node));
            hosts.Add(BusHosts.Publisher(broker));
            foreach (var host in hosts)
            {
                await host.StartAsync();
            }

            var publisher = hosts[1].Services.GetRequiredService<BusPlanPublisher>();
            var plan = new DomainPlan("default/traced", [IpAddress.Parse("192.0.2.50")], "blue", null, [], []);
            ActivityContext root;
            using (var activity = ActivityRecorder.Source.StartActivity("allocate default/traced"))
            {
                Assert.NotNull(activity);
                root = activity.Context;
                await publisher.PublishPlanAsync(plan, 1, CancellationToken.None);
            }

            await node.WaitUntilAsync(b => b.Find("default/traced") is not null, BusScenario.Timeout, "the traced plan");
            var consumed = Assert.Single(node.Consumed);
            Assert.Equal(root.TraceId, consumed.TraceId);
            var chain = await ChainToRootAsync(recorder, consumed);
            Assert.Equal(root.SpanId, chain[^1].SpanId);
            var publish = Assert.Single(chain, a => a.Kind == ActivityKind.Producer);
            Assert.Equal(root.SpanId, publish.ParentSpanId);
            var receive = Assert.Single(chain, a => a.HasRemoteParent);
            Assert.Equal(publish.SpanId, receive.ParentSpanId);
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts))
            {
                await host.StopAsync();
                host.Dispose();
            }

            await broker.DisposeAsync();
        }
    }

    /// <summary>
    /// The consumer's activity and its ancestors up to the trace's root, nearest first, once all have stopped; a
    /// parent that never shows up in the trace fails the wait.
    /// </summary>
    private static async Task<IReadOnlyList<Activity>> ChainToRootAsync(ActivityRecorder recorder, ConsumedPlan consumed)
    {
        var traceId = consumed.TraceId ?? throw new InvalidOperationException("the consumer ran without an activity");
        var spanId = consumed.SpanId ?? default;
        var trace = await recorder.WaitForTraceAsync(
            traceId, t => Chain(t, spanId) is [.., { ParentSpanId: var p }] && p == default, BusScenario.Timeout, "the consume activity's chain to the root");
        return Chain(trace, spanId);
    }

    private static List<Activity> Chain(IReadOnlyList<Activity> trace, ActivitySpanId spanId)
    {
        var chain = new List<Activity>();
        while (spanId != default && trace.FirstOrDefault(a => a.SpanId == spanId) is { } activity)
        {
            chain.Add(activity);
            spanId = activity.ParentSpanId;
        }

        return chain;
    }
}
