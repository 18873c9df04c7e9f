using MetalLb.IntegrationTests.Deploy;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Observability;

/// <summary>
/// The dashboards' PromQL and TraceQL, and the PrometheusRule's expressions, parse with the grammars of Prometheus's and
/// Grafana's query editors (tests/support/query-syntax.sh).
/// </summary>
public sealed class QuerySyntaxTests : IClassFixture<QuerySyntaxFixture>, IClassFixture<HelmFixture>
{
    [RootFact]
    public async Task Dashboards_Queries_Parse()
    {
        var dashboards = GrafanaDashboard.LoadAll();
        var queries = dashboards.SelectMany(d => d.PromQlExpressions.Select(q => (QuerySyntax.PromQl, q))
                .Concat(d.VariableQueries.Select(q => (QuerySyntax.PromQl, GrafanaDashboard.LabelValues(q)?.Selector ?? q)))
                .Concat(d.TraceQlQueries.Select(q => (QuerySyntax.TraceQl, q))))
            .Select(q => (q.Item1, GrafanaDashboard.Interpolate(q.Item2)))
            .ToList();

        var result = await QuerySyntax.CheckAsync(queries);

        Assert.Contains(queries, q => q.Item1 == QuerySyntax.TraceQl);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains($"{queries.Count} queries, 0 that do not parse", result.StandardOutput, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task PrometheusRule_Expressions_Parse()
    {
        var rendered = YamlDocuments.Parse(await HelmChart.TemplateAsync(
            "--set", "prometheus.prometheusRule.enabled=true",
            "--set", "prometheus.prometheusRule.addressPoolUsage.excludePools=lab-.*"));
        var expressions = rendered.Where(d => YamlDocuments.Kind(d) == "PrometheusRule")
            .SelectMany(r => r["spec"]!["groups"]!.AsArray()).SelectMany(g => g!["rules"]!.AsArray())
            .Select(r => (string?)r!["expr"]).OfType<string>().ToList();

        var result = await QuerySyntax.CheckAsync(expressions.Select(e => (QuerySyntax.PromQl, e)));

        Assert.Equal(7, expressions.Count);
        Assert.True(result.Succeeded, result.ToString());
    }

    [RootTheory]
    [InlineData(QuerySyntax.PromQl, "sum by (pool (metallb_allocator_addresses_total)")]
    [InlineData(QuerySyntax.PromQl, "rate(metallb_bgp_updates_total[5m]")]
    [InlineData(QuerySyntax.TraceQl, "{ span.allocator.service = }")]
    [InlineData(QuerySyntax.TraceQl, "{ span.allocator.service = \"a/b\" } | select(")]
    public async Task Check_ABrokenQuery_Fails(string language, string query)
    {
        var result = await QuerySyntax.CheckAsync([(language, query), (language, language == QuerySyntax.PromQl ? "up" : "{ }")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("2 queries, 1 that do not parse", result.StandardOutput, StringComparison.Ordinal);
    }
}
