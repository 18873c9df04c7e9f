using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace MetalLb.IntegrationTests.Otlp;

/// <summary>An OpenTelemetry exporter into a queue a test can read while spans still arrive (a List is not safe for that).</summary>
internal sealed class ActivityQueueExporter(ConcurrentQueue<Activity> into) : BaseExporter<Activity>
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            into.Enqueue(activity);
        }

        return ExportResult.Success;
    }
}
