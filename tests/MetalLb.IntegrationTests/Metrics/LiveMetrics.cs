using MetalLb.IntegrationTests.Observability;
using MetalLb.TestSupport.Metrics;

namespace MetalLb.IntegrationTests.Metrics;

/// <summary>Checks a live <c>/metrics</c> page against the metric contract (Observability/exported-metrics.txt).</summary>
internal static class LiveMetrics
{
    private static readonly Lazy<ExportedMetrics> Contract = new(ExportedMetrics.Load);

    /// <summary>
    /// Every <c>metallb_*</c> series on the page is a contract metric with exactly the contract's labels (OpenTelemetry's
    /// <c>otel_scope_*</c> labels aside), and every metric of <paramref name="expected"/> is on the page.
    /// </summary>
    public static void AssertMatchesContract(PrometheusText page, params string[] expected)
    {
        foreach (var sample in page.Samples.Where(s => s.Name.StartsWith("metallb_", StringComparison.Ordinal)))
        {
            var metric = Contract.Value.Find(sample.Name);
            Assert.True(metric is not null, $"{sample.Name} is exported but not in {ExportedMetrics.Path}");
            var labels = sample.Labels.Keys.Where(l => !l.StartsWith("otel_scope_", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            Assert.Equal(metric!.LabelsOf(sample.Name).Order(StringComparer.Ordinal), labels);
        }

        foreach (var name in expected)
        {
            var metric = Contract.Value.All.SingleOrDefault(m => m.Name == name);
            Assert.True(metric is not null, $"{name} is not in {ExportedMetrics.Path}");
            Assert.All(metric!.SeriesNames, series => Assert.Contains(series, page.Names));
        }
    }
}
