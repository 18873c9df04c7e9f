using System.Diagnostics;

namespace MetalLb.Hosting.Telemetry;

/// <summary>
/// The W3C <c>traceparent</c> a Service carries in <see cref="Annotation"/>: written at admission, read by the
/// allocator, so the reconcile of a write continues the trace of that write.
/// </summary>
public static class TraceParent
{
    public const string Annotation = "metallb-svc.io/traceparent";

    /// <summary><c>00-&lt;trace id&gt;-&lt;span id&gt;-&lt;flags&gt;</c> (W3C Trace Context, version 00).</summary>
    public static string Format(ActivityContext context) =>
        $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}";

    /// <summary>The span context in <paramref name="annotations"/>' traceparent, else default (no parent: a new trace).</summary>
    public static ActivityContext Parse(IReadOnlyDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        return annotations.TryGetValue(Annotation, out var text) && ActivityContext.TryParse(text, null, out var parent)
            ? parent
            : default;
    }
}
