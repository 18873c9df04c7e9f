using MetalLb.IntegrationTests.Otlp;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Lab;

/// <summary>
/// The real <c>metallb-svc lab --broker</c> process, configured only by the standard OTEL_* variables, exporting to an
/// OTLP/HTTP endpoint the test hosts: one trace from admission to every node's announce, and logs that carry it.
/// </summary>
public sealed class LabOverOtlpTests
{
    [RootFact]
    public async Task Lab_AsAProcess_ExportsOneTraceAcrossTheBrokerAndLogsInItOverOtlpHttp()
    {
        var broker = new RabbitMqFixture();
        await broker.InitializeAsync();
        await using var receiver = await OtlpReceiver.StartAsync();
        try
        {
            Assert.Null(broker.SkipReason);
            var environment = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "lab-under-test",
            };

            var result = await ProcessRunner.RunAsync(
                "dotnet",
                [Path.Combine(AppContext.BaseDirectory, "metallb-svc.dll"), "lab", "-f", RepoPaths.Combine("examples"), "--broker", LabOverRabbitMqTests.AmqpUrl(broker), "--verbose"],
                TimeSpan.FromMinutes(2),
                environment);

            Assert.True(result.Succeeded, result.ToString());
            var spans = receiver.Spans;
            var admission = Assert.Single(spans, s => s.Name == "admission Service" && s.Attributes.GetValueOrDefault("admission.name") == "web" && s.Attributes.GetValueOrDefault("admission.type") == "mutating");
            var trace = spans.Where(s => s.TraceId == admission.TraceId).ToDictionary(s => s.SpanId);
            var reconcile = Assert.Single(trace.Values, s => s.Name == "reconcile default/web");
            var publish = Assert.Single(trace.Values, s => s.Name == "publish plan default/web");
            var announces = trace.Values.Where(s => s.Name == "announce default/web").ToList();
            Assert.Equal(admission.SpanId, reconcile.ParentSpanId);
            Assert.Equal(reconcile.SpanId, publish.ParentSpanId);
            Assert.Equal("192.168.250.48", reconcile.Attributes["allocator.ips"]);
            Assert.Equal(3, announces.Count);
            Assert.Single(announces, a => a.Attributes["announcer.l2.elected"] == "true" && a.Attributes["announcer.l2.arp_sent"] == "1");
            foreach (var announce in announces)
            {
                var chain = Ancestors(announce, trace).ToList();
                var receive = chain.FindIndex(s => s.Kind == OtlpSpan.Consumer);
                var send = chain.FindIndex(s => s.Kind == OtlpSpan.Producer);
                Assert.True(receive >= 0 && send > receive && chain.IndexOf(publish) > send, string.Join(" <- ", chain.Select(s => s.Name)));
            }

            Assert.All(spans, s => Assert.Equal("lab-under-test", s.Service));
            Assert.Contains(receiver.Logs, l => l.TraceId == admission.TraceId && trace.ContainsKey(l.SpanId) && l.Service == "lab-under-test");
        }
        finally
        {
            await broker.DisposeAsync();
        }
    }

    private static IEnumerable<OtlpSpan> Ancestors(OtlpSpan span, Dictionary<string, OtlpSpan> trace)
    {
        for (var parent = span.ParentSpanId; trace.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            yield return next;
        }
    }
}
