namespace MetalLb.IntegrationTests.Observability;

/// <summary>Asserts that a PromQL expression selects only metrics of exported-metrics.txt, by labels those metrics have.</summary>
internal static class MetricContractAssert
{
    public static void QueriesOnlyExportedMetrics(ExportedMetrics contract, string expression)
    {
        var references = PromQl.Parse(expression);

        Assert.True(references.Series.Count > 0, $"no metric in '{expression}'");
        var labels = new HashSet<string>(ExportedMetrics.TargetLabels, StringComparer.Ordinal);
        foreach (var series in references.Series)
        {
            var metric = contract.Find(series);
            Assert.True(metric is not null, $"'{series}' in '{expression}' is not in exported-metrics.txt");
            labels.UnionWith(metric.LabelsOf(series));
        }

        foreach (var (series, label) in references.MatcherLabels)
        {
            Assert.True(
                ExportedMetrics.TargetLabels.Contains(label) || contract.Find(series)!.LabelsOf(series).Contains(label),
                $"'{series}' has no label '{label}' ('{expression}')");
        }

        foreach (var label in references.GroupingLabels)
        {
            Assert.True(labels.Contains(label), $"no metric of '{expression}' has the label '{label}' it groups or matches by");
        }
    }
}
