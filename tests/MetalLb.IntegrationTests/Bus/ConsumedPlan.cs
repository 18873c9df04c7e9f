using System.Diagnostics;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>A plan as an announcer consumed it: its message id and the activity the consumer ran in, if any.</summary>
public sealed record ConsumedPlan(string ServiceKey, long Generation, Guid? MessageId, ActivityTraceId? TraceId, ActivitySpanId? SpanId);
