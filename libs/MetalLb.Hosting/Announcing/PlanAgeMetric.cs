using System.Diagnostics.Metrics;

namespace MetalLb.Hosting.Announcing;

/// <summary>
/// <c>metallb_svc_bus_plan_age_seconds{node}</c>: from the allocator publishing a plan (the bus envelope's sent time,
/// stamped by the publisher) to this announcer having applied it, i.e. the bus lag plus the queue wait plus the apply.
/// </summary>
/// <remarks>
/// A message without a sent time gives no sample. The two clocks are different hosts'; an age below zero (a clock
/// behind the allocator's) is recorded as zero rather than dropped, so every applied plan still counts.
/// </remarks>
public sealed class PlanAgeMetric
{
    public const string Name = "metallb_svc_bus_plan_age_seconds";

    /// <summary>Bucket bounds in seconds: a plan normally arrives in milliseconds; a backlog takes seconds.</summary>
    public static IReadOnlyList<double> Buckets { get; } = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Histogram<double> _age;
    private readonly KeyValuePair<string, object?> _node;
    private readonly TimeProvider _time;

    public PlanAgeMetric(IMeterFactory meterFactory, string node, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(time);
        _age = meterFactory.Create(AnnouncerTelemetry.SourceName).CreateHistogram(
            Name,
            unit: null,
            description: "time from the allocator publishing a plan to this announcer applying it",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        _node = new("node", node);
        _time = time;
    }

    /// <summary>Records the age of a plan just applied; <paramref name="sentTime"/> is the envelope's UTC sent time.</summary>
    public void Applied(DateTime? sentTime)
    {
        if (sentTime is not { } sent)
        {
            return;
        }

        var age = _time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc));
        _age.Record(Math.Max(0, age.TotalSeconds), _node);
    }
}
