using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MetalLb.IntegrationTests.Otlp;
using MetalLb.TestSupport;
using MetalLb.TestSupport.Network;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace MetalLb.IntegrationTests.Layer2;

public sealed partial class L2AnnouncerTests
{
    private const string TracingSource = "MetalLb.IntegrationTests.Layer2";
    private const string MovedIpv4 = "198.51.100.201";
    private const string MovedIpv6 = "2001:db8::201";

    /// <summary>
    /// The real announcer processes export over OTLP/HTTP to the test's address on the bridge: once their membership
    /// has settled, a plan moving the Service to new IPs is one trace from the publisher through RabbitMQ to each
    /// node's <c>announce</c> span, which says whether the node won and what it sent.
    /// </summary>
    [RootFact]
    public async Task RealAnnouncers_AnnounceSpansContinueThePublishersTraceAcrossTheBroker_WithElectionAndArpNdpSent()
    {
        var (n1, n2, n3) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        foreach (var node in cluster.Nodes)
        {
            // Replies to the announcers go back over the bridge (routes on the veth go with it when the network is deleted).
            await ProcessRunner.RunAsync("ip", ["route", "replace", $"{node.Ipv4}/32", "dev", cluster.Network.TestInterface, "src", TestNetwork.TestAddress], TimeSpan.FromSeconds(10));
        }

        await using var receiver = await OtlpReceiver.StartAsync(IPAddress.Parse(TestNetwork.TestAddress));
        var sent = new ConcurrentQueue<Activity>();
        using var source = new ActivitySource(TracingSource);
        using var exporter = Sdk.CreateTracerProviderBuilder()
            .AddSource(TracingSource, "MassTransit")
            .AddProcessor(new SimpleActivityExportProcessor(new ActivityQueueExporter(sent)))
            .Build();
        await cluster.StartAnnouncersAsync(
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            },
            n1,
            n2,
            n3);
        await cluster.PublishPlanAsync(n2, n1, n3);
        await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.SequenceEqual([n2.Mac]), "node-2 answering, its membership settled");
        ActivityContext root;

        using (var apply = source.StartActivity("apply default/web"))
        {
            root = apply!.Context;
            await cluster.PublishPlanAsync([MovedIpv4, MovedIpv6], n2, n1, n3);
        }

        var trace = root.TraceId.ToHexString();
        var spans = await receiver.WaitForSpansAsync(
            all => ReachedTheBroker(all.Where(s => s.TraceId == trace).ToDictionary(s => s.SpanId)),
            L2Cluster.Timeout,
            "three announce spans in the trace, each under its receive span");
        var byId = spans.Where(s => s.TraceId == trace).ToDictionary(s => s.SpanId);
        var announces = byId.Values.Where(s => s.Name == "announce default/web").ToDictionary(s => s.Attributes["announcer.node"]);
        var published = sent.Where(a => a.TraceId == root.TraceId && a.Kind == ActivityKind.Producer).Select(a => a.SpanId.ToHexString()).ToHashSet();
        Assert.Equal(["node-1", "node-2", "node-3"], announces.Keys.Order());
        Assert.All(announces.Values, a => Assert.Equal("metallb-svc-announcer", a.Service));
        Assert.All(announces.Values, a =>
        {
            // The announcer's outermost span is MassTransit's receive, whose parent is the send in the test process.
            var receive = Ancestors(a, byId).Last();
            Assert.Equal(OtlpSpan.Consumer, receive.Kind);
            Assert.Contains(receive.ParentSpanId, published);
        });
        var elected = announces[n2.Name];
        Assert.Equal("true", elected.Attributes["announcer.l2.elected"]);
        Assert.Equal("1", elected.Attributes["announcer.l2.arp_sent"]);
        Assert.Equal("1", elected.Attributes["announcer.l2.ndp_sent"]);
        Assert.All(new[] { announces[n1.Name], announces[n3.Name] }, a =>
        {
            Assert.Equal("false", a.Attributes["announcer.l2.elected"]);
            Assert.Equal("0", a.Attributes["announcer.l2.claims_sent"]);
        });
    }

    /// <summary>Three announce spans, and (exported in later batches) the MassTransit spans above each.</summary>
    private static bool ReachedTheBroker(Dictionary<string, OtlpSpan> trace)
    {
        var announces = trace.Values.Where(s => s.Name == "announce default/web").ToList();
        return announces.Count == 3 && announces.All(a => Ancestors(a, trace).LastOrDefault()?.Kind == OtlpSpan.Consumer);
    }

    private static IEnumerable<OtlpSpan> Ancestors(OtlpSpan span, Dictionary<string, OtlpSpan> trace)
    {
        for (var parent = span.ParentSpanId; trace.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            yield return next;
        }
    }
}
