using System.Text.Json.Nodes;
using MetalLb.Allocator;
using MetalLb.Domain.Allocation;

namespace MetalLb.IntegrationTests.Observability;

/// <summary>
/// The Grafana dashboards of helm/metallb-svc/dashboards: they parse, keep fixed unique uids, take their data sources
/// from variables, query only metrics of exported-metrics.txt (with those metrics' labels) and only span attributes the
/// services set.
/// </summary>
public sealed class DashboardTests
{
    private const string Prometheus = GrafanaDashboard.Prometheus;
    private const string Tempo = GrafanaDashboard.Tempo;

    public static TheoryData<string> Files => [.. GrafanaDashboard.Files()];

    [Fact]
    public void Dashboards_AreTheThree_WithUniqueUids()
    {
        var dashboards = GrafanaDashboard.LoadAll();

        Assert.Equal(["metallb-svc-announcers.json", "metallb-svc-overview.json", "metallb-svc-traces.json"], dashboards.Select(d => d.File));
        Assert.All(dashboards, d => Assert.Equal(Path.GetFileNameWithoutExtension(d.File), d.Uid));
        Assert.Equal(dashboards.Count, dashboards.Select(d => d.Uid).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(dashboards.Count, dashboards.Select(d => (string?)d.Root["title"]).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_IsGrafana11Json_WithUniquePanelIds(string file)
    {
        var dashboard = GrafanaDashboard.Load(file);

        Assert.InRange(dashboard.Uid?.Length ?? 0, 1, 40);
        Assert.True((int?)dashboard.Root["schemaVersion"] >= 39, $"{file}: schemaVersion below Grafana 11's 39");
        Assert.Null(dashboard.Root["id"]);
        var ids = dashboard.Panels.Select(p => (int?)p["id"]).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(dashboard.Panels, p => Assert.NotNull(p["gridPos"]));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_EveryPanel_TakesItsDataSourceFromAVariable(string file)
    {
        var dashboard = GrafanaDashboard.Load(file);
        var variables = dashboard.Variables.ToDictionary(v => (string)v["name"]!, StringComparer.Ordinal);

        Assert.Equal("prometheus", (string?)variables["datasource"]["query"]);
        Assert.Equal("datasource", (string?)variables["datasource"]["type"]);
        Assert.All(dashboard.Panels.Where(p => !GrafanaDashboard.IsRow(p)), panel =>
        {
            var uid = GrafanaDashboard.DataSourceUid(panel);
            Assert.True(uid is Prometheus or Tempo, $"{file}: panel '{panel["title"]}' has data source '{uid}'");
            Assert.NotEmpty(GrafanaDashboard.Targets(panel));
            Assert.All(GrafanaDashboard.Targets(panel), t => Assert.Equal(uid, GrafanaDashboard.DataSourceUid(t)));
        });
        Assert.All(dashboard.Panels.Where(GrafanaDashboard.IsRow), row => Assert.Empty(GrafanaDashboard.Targets(row)));
        if (dashboard.Panels.Any(p => GrafanaDashboard.DataSourceUid(p) == Tempo))
        {
            Assert.Equal("tempo", (string?)variables["tempo"]["query"]);
            Assert.Equal("datasource", (string?)variables["tempo"]["type"]);
        }
    }

    // A data source uid written into a dashboard names one Grafana's data source; the variables make the dashboards
    // work in docker-compose's Grafana and in any cluster's.
    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_HardCodesNoDataSourceUid(string file)
    {
        var dashboard = GrafanaDashboard.Load(file);

        var uids = DataSources(dashboard.Root).Select(d => $"{(string?)d["type"]}:{(string?)d["uid"]}").Distinct().ToList();

        Assert.All(uids, uid => Assert.True(
            uid is "prometheus:" + Prometheus or "tempo:" + Tempo or "grafana:-- Grafana --", $"{file} names the data source {uid}"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_UsesOnlyItsOwnVariables(string file)
    {
        var dashboard = GrafanaDashboard.Load(file);
        var defined = dashboard.Variables.Select(v => (string)v["name"]!).ToHashSet(StringComparer.Ordinal);

        var used = Queries(dashboard).SelectMany(GrafanaDashboard.VariablesIn).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.True(name.StartsWith("__", StringComparison.Ordinal) || defined.Contains(name), $"{file} uses ${name}, which it does not define"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_PromQl_QueriesOnlyExportedMetrics_WithTheirLabels(string file)
    {
        var dashboard = GrafanaDashboard.Load(file);
        var contract = ExportedMetrics.Load();
        var expressions = dashboard.PromQlExpressions.ToList();

        Assert.NotEmpty(expressions);
        Assert.All(expressions, expression => MetricContractAssert.QueriesOnlyExportedMetrics(contract, expression));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_LabelValuesVariables_ReadExportedLabels(string file)
    {
        var dashboard = GrafanaDashboard.Load(file);
        var contract = ExportedMetrics.Load();

        var queries = dashboard.VariableQueries.ToList();

        Assert.All(queries, query =>
        {
            var labelValues = GrafanaDashboard.LabelValues(query);
            Assert.True(labelValues is not null, $"{file}: variable query '{query}' is not label_values(selector, label)");
            var (selector, label) = labelValues.Value;
            MetricContractAssert.QueriesOnlyExportedMetrics(contract, selector);
            var series = PromQl.Parse(selector).Series.Single();
            Assert.Contains(label, contract.Find(series)!.LabelsOf(series));
        });
    }

    [Fact]
    public void Dashboards_ShowEveryExportedMetric()
    {
        var contract = ExportedMetrics.Load();

        var queried = GrafanaDashboard.LoadAll().SelectMany(d => d.PromQlExpressions)
            .SelectMany(e => PromQl.Parse(e).Series).Select(s => contract.Find(s)?.Name).ToHashSet(StringComparer.Ordinal);
        var missing = contract.All.Select(m => m.Name).Where(n => !queried.Contains(n)).ToList();

        Assert.True(missing.Count == 0, $"on no dashboard: {string.Join(", ", missing)}");
    }

    [Fact]
    public void TracesDashboard_TraceQl_ReadsOnlySpanAttributesTheServicesSet()
    {
        var dashboard = GrafanaDashboard.Load("metallb-svc-traces.json");

        var queries = dashboard.TraceQlQueries.ToList();

        Assert.NotEmpty(queries);
        Assert.All(queries, query =>
        {
            var attributes = TraceQl.Attributes(query);
            Assert.NotEmpty(attributes);
            Assert.All(attributes, a => Assert.True(
                a.Scope == "span" && SpanAttributes.All.Contains(a.Name),
                $"'{a.Scope}.{a.Name}' in '{query}' is not a span attribute the services set"));
            Assert.All(
                TraceQl.ComparedValues(query, "span", AllocatorTelemetry.OutcomeTag),
                outcome => Assert.Contains(outcome, Enum.GetNames<AllocationOutcome>()));
        });
        Assert.Contains(queries, q => TraceQl.Attributes(q).Contains(("span", AllocatorTelemetry.ServiceTag)));
    }

    [Theory]
    [InlineData(
        "histogram_quantile(0.99, sum by (le, kind) (rate(metallb_svc_webhook_request_duration_seconds_bucket{kind=~\"$kind\"}[$__rate_interval])))",
        "metallb_svc_webhook_request_duration_seconds_bucket", "kind", "le,kind")]
    [InlineData(
        "max by (pool) (metallb_allocator_addresses_in_use_total{pool!~\"lab-.*\"}) >= on (pool) max by (pool) (metallb_allocator_addresses_total)",
        "metallb_allocator_addresses_in_use_total,metallb_allocator_addresses_total", "pool", "pool,pool,pool")]
    [InlineData("count(metallb_bgp_session_up == 0) or vector(0)", "metallb_bgp_session_up", "", "")]
    [InlineData("up offset 5m > bool 1e3", "up", "", "")]
    [InlineData("sum without (ip) (rate(metallb_layer2_requests_received[5m:1m]))", "metallb_layer2_requests_received", "", "ip")]
    public void PromQl_Parse_FindsTheSeriesAndLabels(string expression, string series, string matcherLabels, string grouping)
    {
        var references = PromQl.Parse(expression);

        Assert.Equal(Split(series), references.Series);
        Assert.Equal(Split(matcherLabels), references.MatcherLabels.Select(m => m.Label));
        Assert.Equal(Split(grouping), references.GroupingLabels);
    }

    [Theory]
    [InlineData("{ span.allocator.service = \"a/b\" || .announcer.node = \"n\" } | select(resource.service.name)", "span:allocator.service,:announcer.node,resource:service.name")]
    [InlineData("{ span.admission.allowed = false && status = error }", "span:admission.allowed")]
    public void TraceQl_Attributes_FindsEveryReference(string query, string expected)
    {
        var attributes = TraceQl.Attributes(query);

        Assert.Equal(Split(expected), attributes.Select(a => $"{a.Scope}:{a.Name}"));
    }

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<string> Queries(GrafanaDashboard dashboard) =>
        [.. dashboard.PromQlExpressions, .. dashboard.TraceQlQueries, .. dashboard.VariableQueries];

    private static IEnumerable<JsonObject> DataSources(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "datasource" && p.Value is JsonObject ds ? [ds] : DataSources(p.Value)),
        JsonArray array => array.SelectMany(DataSources),
        _ => [],
    };
}
