using System.Diagnostics;
using System.Globalization;
using MetalLb.Cli;
using MetalLb.Cli.Lab;
using MetalLb.Hosting.Telemetry;
using MetalLb.TestSupport;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace MetalLb.IntegrationTests.Lab;

/// <summary><c>metallb-svc lab --broker</c> against a real RabbitMQ: the same outcome as in memory, and one trace across the broker.</summary>
[Collection(LabTracing.Name)]
public sealed class LabOverRabbitMqTests
{
    [RootFact]
    public async Task Lab_WithBroker_GivesTheSameReportAsInMemory_AndOneTracePerServiceAcrossTheBroker()
    {
        var broker = new RabbitMqFixture();
        await broker.InitializeAsync();
        var spans = new List<Activity>();
        TracerProvider? exporter = null;
        try
        {
            Assert.Null(broker.SkipReason);
            var examples = RepoPaths.Combine("examples");
            var inMemory = await RunAsync("-f", examples);
            exporter = Sdk.CreateTracerProviderBuilder()
                .AddSource(MetalLbTelemetry.OwnSources, MetalLbTelemetry.MassTransitSource)
                .AddInMemoryExporter(spans)
                .Build();

            var overBroker = await RunAsync("-f", examples, "--broker", AmqpUrl(broker));

            Assert.Equal(0, inMemory.Code);
            Assert.True(overBroker.Code == 0, overBroker.Out + overBroker.Err);
            Assert.Equal(inMemory.Out, overBroker.Out);
            var trace = LabTrace.Of(spans, "web");
            Assert.Equal("True", LabTrace.Tag(trace.Admission, "admission.allowed"));
            Assert.Equal("Service", LabTrace.Tag(trace.Admission, "admission.kind"));
            Assert.Equal("default", LabTrace.Tag(trace.Admission, "admission.namespace"));
            Assert.Equal("default/web", LabTrace.Tag(trace.Reconcile, "allocator.service"));
            Assert.Equal("manifest-pack", LabTrace.Tag(trace.Reconcile, "allocator.pool"));
            Assert.Equal("192.168.250.48", LabTrace.Tag(trace.Reconcile, "allocator.ips"));
            Assert.Equal(3, trace.Announces.Count);
            var elected = Assert.Single(trace.Announces, a => LabTrace.Tag(a, "announcer.l2.elected") == "True");
            Assert.Equal("1", LabTrace.Tag(elected, "announcer.l2.arp_sent"));
            Assert.Equal("0", LabTrace.Tag(elected, "announcer.l2.ndp_sent"));
            Assert.All(trace.Announces.Where(a => a != elected), a => Assert.Equal("0", LabTrace.Tag(a, "announcer.l2.claims_sent")));
        }
        finally
        {
            exporter?.Dispose();
            await broker.DisposeAsync();
        }
    }

    /// <summary>The broker's URL with its credentials; only loopback, RabbitMQ's guest may log in nowhere else.</summary>
    public static string AmqpUrl(RabbitMqFixture broker) =>
        $"amqp://{broker.Username}:{broker.Password}@{broker.Host}:{broker.Port.ToString(CultureInfo.InvariantCulture)}/";

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await LabCommand.RunAsync(args, new CliConsole(new StringReader(""), output, error));
        return (code, output.ToString(), error.ToString());
    }
}
