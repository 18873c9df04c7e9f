using MetalLb.IntegrationTests.Deploy;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Observability;

/// <summary>The chart's PrometheusRule (MetalLB's alerts) queries only metrics of exported-metrics.txt.</summary>
public sealed class PrometheusRuleMetricsTests : IClassFixture<HelmFixture>
{
    [RootFact]
    public async Task PrometheusRule_Expressions_QueryOnlyExportedMetrics()
    {
        var rendered = YamlDocuments.Parse(await HelmChart.TemplateAsync(
            "--set", "prometheus.prometheusRule.enabled=true",
            "--set", "prometheus.prometheusRule.addressPoolExhausted.excludePools=lab-.*"));
        var contract = ExportedMetrics.Load();

        var expressions = rendered.Where(d => YamlDocuments.Kind(d) == "PrometheusRule")
            .SelectMany(r => r["spec"]!["groups"]!.AsArray()).SelectMany(g => g!["rules"]!.AsArray())
            .Select(r => (string?)r!["expr"]).OfType<string>().ToList();

        Assert.Equal(7, expressions.Count);
        Assert.All(expressions, e => MetricContractAssert.QueriesOnlyExportedMetrics(contract, e));
    }
}
