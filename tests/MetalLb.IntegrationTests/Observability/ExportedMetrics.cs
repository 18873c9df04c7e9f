using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Observability;

/// <summary>
/// The metric contract, tests/MetalLb.IntegrationTests/Observability/exported-metrics.txt: what the dashboards and the
/// PrometheusRule may query.
/// </summary>
internal sealed class ExportedMetrics
{
    /// <summary>Labels Prometheus adds from the scrape target (job, instance; the Kubernetes monitors add namespace, pod).</summary>
    public static readonly IReadOnlySet<string> TargetLabels = new HashSet<string>(StringComparer.Ordinal) { "job", "instance", "namespace", "pod" };

    private static readonly string[] Types = ["counter", "gauge", ExportedMetric.Histogram];

    private readonly Dictionary<string, ExportedMetric> _bySeries;

    private ExportedMetrics(IReadOnlyList<ExportedMetric> metrics)
    {
        All = metrics;
        _bySeries = metrics.SelectMany(m => m.SeriesNames.Select(s => KeyValuePair.Create(s, m))).ToDictionary(StringComparer.Ordinal);
    }

    public static string Path => RepoPaths.Combine("tests", "MetalLb.IntegrationTests", "Observability", "exported-metrics.txt");

    public IReadOnlyList<ExportedMetric> All { get; }

    public static ExportedMetrics Load() => Parse(File.ReadAllLines(Path));

    public static ExportedMetrics Parse(IEnumerable<string> lines)
    {
        var metrics = new List<ExportedMetric>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !Types.Contains(fields[1]))
            {
                throw new FormatException($"exported-metrics.txt: '{line}' is not 'name counter|gauge|histogram label...'");
            }

            metrics.Add(new ExportedMetric(fields[0], fields[1], fields[2..]));
        }

        return new ExportedMetrics(metrics);
    }

    /// <summary>The metric a series name belongs to (a histogram's _bucket/_sum/_count included), or null.</summary>
    public ExportedMetric? Find(string series) => _bySeries.GetValueOrDefault(series);
}
