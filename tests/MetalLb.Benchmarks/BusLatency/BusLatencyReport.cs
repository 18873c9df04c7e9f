using System.Globalization;
using System.Text;
using MetalLb.Benchmarks.Cluster;

namespace MetalLb.Benchmarks.BusLatency;

/// <summary>The Markdown report of <c>bus-latency</c>: one row per segment, the two transports side by side.</summary>
internal static class BusLatencyReport
{
    private static readonly (Segment Segment, string Label)[] Rows =
    [
        (Segment.CacheToReceived, "**cache event → plan received** (allocator + bus)"),
        (Segment.CacheToHanded, "cache event → plan handed to the bus (allocator only: pass, status + annotation PATCH, Event POST, plan)"),
        (Segment.CacheToPublished, "cache event → publish returned"),
        (Segment.HandedToReceived, "plan handed to the bus → received (bus only)"),
        (Segment.CreateReturnedToReceived, "create call returned → plan received"),
        (Segment.CreateStartToReceived, "create call sent → plan received"),
        (Segment.CreateCall, "create call (POST Service) itself"),
        (Segment.CreateReturnedToCache, "create returned → allocator's cache event (negative: the event came first)"),
    ];

    public static string Format(
        BusLatencyOptions options, TransportResult inMemory, TransportResult rabbit, LatencySummary floor, LatencySummary floorConfirmed, int bytes)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant(
            $"Bus latency: {options.Services:N0} LoadBalancer Services per transport created one after another ({options.Warmup} unmeasured first, {options.Gap.TotalMilliseconds:0} ms after each plan arrives), real kube-apiserver 1.20 + etcd and RabbitMQ on loopback, allocator with leader election off; {Environment.ProcessorCount} CPUs, .NET {Environment.Version}. Times in ms, p50 / p99 / max."));
        text.AppendLine();
        text.AppendLine("| segment | in-memory p50 | p99 | max | RabbitMQ p50 | p99 | max |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (segment, label) in Rows)
        {
            var m = inMemory.Of(segment);
            var r = rabbit.Of(segment);
            text.AppendLine(Invariant($"| {label} | {m.P50:0.00} | {m.P99:0.00} | {m.Max:0.00} | {r.P50:0.00} | {r.P99:0.00} | {r.Max:0.00} |"));
        }

        text.AppendLine(Invariant($"| floor: bare RabbitMQ.Client publish → consume, {bytes:N0} B, no confirms | | | | {floor.P50:0.00} | {floor.P99:0.00} | {floor.Max:0.00} |"));
        text.AppendLine(Invariant(
            $"| floor: the same with publisher confirms on | | | | {floorConfirmed.P50:0.00} | {floorConfirmed.P99:0.00} | {floorConfirmed.Max:0.00} |"));
        text.AppendLine();
        text.AppendLine(Invariant(
            $"Measured Services: in-memory {inMemory.Services:N0}, RabbitMQ {rabbit.Services:N0}; the plan message was {bytes:N0} bytes on the wire (MassTransit envelope)."));
        return text.ToString();
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
