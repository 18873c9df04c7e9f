using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MetalLb.Cli;
using MetalLb.Cli.Lab;
using MetalLb.TestSupport;

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
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("MetalLb.", StringComparison.Ordinal) || s.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        try
        {
            Assert.Null(broker.SkipReason);
            var examples = RepoPaths.Combine("examples");
            var url = $"amqp://{broker.Username}:{broker.Password}@{broker.Host}:{broker.Port.ToString(CultureInfo.InvariantCulture)}/";
            var inMemory = await RunAsync("-f", examples);
            ActivitySource.AddActivityListener(listener);

            var overBroker = await RunAsync("-f", examples, "--broker", url);

            Assert.Equal(0, inMemory.Code);
            Assert.True(overBroker.Code == 0, overBroker.Out + overBroker.Err);
            Assert.Equal(inMemory.Out, overBroker.Out);
            var admission = Assert.Single(spans, s => s.OperationName == "admission Service" && s.GetTagItem("admission.name") as string == "web");
            var trace = spans.Where(s => s.TraceId == admission.TraceId).ToArray();
            Assert.Contains(trace, s => s.OperationName == "reconcile default/web");
            Assert.Contains(trace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer);
            Assert.Contains(trace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer);
            Assert.Equal(3, trace.Count(s => s.OperationName == "announce default/web"));
        }
        finally
        {
            await broker.DisposeAsync();
        }
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await LabCommand.RunAsync(args, new CliConsole(new StringReader(""), output, error));
        return (code, output.ToString(), error.ToString());
    }
}
