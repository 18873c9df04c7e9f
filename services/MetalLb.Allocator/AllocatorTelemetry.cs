using System.Diagnostics;
using MetalLb.Hosting.Telemetry;

namespace MetalLb.Allocator;

/// <summary>The allocator's one ActivitySource, its Meter's name, and the tag names of its spans.</summary>
public static class AllocatorTelemetry
{
    public const string SourceName = "MetalLb.Allocator";

    /// <summary>
    /// A Service annotation holding a W3C <c>traceparent</c>: the reconcile span of a Service that carries it joins that
    /// trace (the webhook, and the lab, set it at admission), so one trace runs from the write to the announcers.
    /// </summary>
    public const string TraceParentAnnotation = TraceParent.Annotation;

    public const string ServiceTag = "allocator.service";

    public const string PoolTag = "allocator.pool";

    public const string IpsTag = "allocator.ips";

    public const string OutcomeTag = "allocator.outcome";

    public const string GenerationTag = "allocator.generation";

    public static ActivitySource Source { get; } = new(SourceName, typeof(AllocatorTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The parent a Service's spans take: its <see cref="TraceParentAnnotation"/>, else none (a new trace).</summary>
    public static ActivityContext ParentOf(IReadOnlyDictionary<string, string> annotations) => TraceParent.Parse(annotations);
}
