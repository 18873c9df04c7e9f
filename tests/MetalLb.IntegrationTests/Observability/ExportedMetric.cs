namespace MetalLb.IntegrationTests.Observability;

/// <summary>One line of exported-metrics.txt: a metric as /metrics prints it, its type and its own labels.</summary>
internal sealed record ExportedMetric(string Name, string Type, IReadOnlyList<string> Labels)
{
    public const string Histogram = "histogram";

    /// <summary>The series names Prometheus stores for it: a histogram's _bucket, _sum and _count, else the name.</summary>
    public IEnumerable<string> SeriesNames =>
        Type == Histogram ? [$"{Name}_bucket", $"{Name}_sum", $"{Name}_count"] : [Name];

    /// <summary>The labels a series of <paramref name="series"/> carries: the bucket's also has <c>le</c>.</summary>
    public IEnumerable<string> LabelsOf(string series) =>
        series == $"{Name}_bucket" ? [.. Labels, "le"] : Labels;
}
