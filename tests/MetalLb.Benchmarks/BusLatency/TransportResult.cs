using MetalLb.Benchmarks.Cluster;

namespace MetalLb.Benchmarks.BusLatency;

/// <summary>What one transport measured: the segments of every measured Service, and the plan's size on the wire.</summary>
internal sealed class TransportResult(string transport, IReadOnlyList<PlanTrace> traces, long messageBytes)
{
    public string Transport => transport;

    public int Services => traces.Count;

    public long MessageBytes => messageBytes;

    public LatencySummary Of(Segment segment) => ServiceTracer.Summarize(traces, segment);
}
