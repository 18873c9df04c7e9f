using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Observability;

/// <summary>One dashboard of helm/metallb-svc/dashboards, with its panels (those of rows included) and queries.</summary>
internal sealed partial class GrafanaDashboard
{
    private GrafanaDashboard(string file, JsonObject root)
    {
        File = file;
        Root = root;
    }

    public const string Prometheus = "${datasource}";

    public const string Tempo = "${tempo}";

    public static string Directory => RepoPaths.Combine("helm", "metallb-svc", "dashboards");

    /// <summary>The file name, e.g. metallb-svc-overview.json.</summary>
    public string File { get; }

    public JsonObject Root { get; }

    public string? Uid => (string?)Root["uid"];

    /// <summary>Every panel, rows and the panels of collapsed rows included.</summary>
    public IEnumerable<JsonObject> Panels => Flatten(Root["panels"]);

    public IEnumerable<JsonObject> Variables => Root["templating"]?["list"]?.AsArray().OfType<JsonObject>() ?? [];

    /// <summary>The PromQL of the panels on the <c>${datasource}</c> (Prometheus) variable.</summary>
    public IEnumerable<string> PromQlExpressions => QueriesOn(Prometheus, "expr");

    /// <summary>The TraceQL of the panels on the <c>${tempo}</c> variable.</summary>
    public IEnumerable<string> TraceQlQueries => QueriesOn(Tempo, "query");

    /// <summary>The queries of the query variables (<c>label_values(selector, label)</c>).</summary>
    public IEnumerable<string> VariableQueries =>
        Variables.Where(v => (string?)v["type"] == "query").Select(v => (string?)v["query"] ?? string.Empty);

    public static IReadOnlyList<string> Files() =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static GrafanaDashboard Load(string file) =>
        new(file, JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(Directory, file)))?.AsObject()
            ?? throw new FormatException($"{file} is not a JSON object"));

    public static IReadOnlyList<GrafanaDashboard> LoadAll() => [.. Files().Select(Load)];

    public static IEnumerable<JsonObject> Targets(JsonObject panel) => panel["targets"]?.AsArray().OfType<JsonObject>() ?? [];

    public static bool IsRow(JsonObject panel) => (string?)panel["type"] == "row";

    /// <summary>A panel's or target's data source uid (<c>${datasource}</c>, <c>${tempo}</c>), or null.</summary>
    public static string? DataSourceUid(JsonObject node) => (string?)node["datasource"]?["uid"];

    /// <summary>The variables a query uses: <c>$name</c>, <c>${name}</c>, <c>${name:format}</c>, <c>[[name]]</c>.</summary>
    public static IEnumerable<string> VariablesIn(string query) => VariableReference().Matches(query).Select(m => m.Groups["name"].Value);

    /// <summary>A query as Grafana sends it, with an interval for <c>$__rate_interval</c> and <c>x</c> for every other variable.</summary>
    public static string Interpolate(string query) =>
        VariableReference().Replace(query, m => m.Groups["name"].Value is "__rate_interval" or "__interval" ? "5m" : "x");

    /// <summary>The selector and label of a <c>label_values(selector, label)</c> variable query, or null for another query.</summary>
    public static (string Selector, string Label)? LabelValues(string query) =>
        LabelValuesQuery().Match(query) is { Success: true } m ? (m.Groups["selector"].Value, m.Groups["label"].Value) : null;

    private IEnumerable<string> QueriesOn(string dataSource, string field) =>
        Panels.Where(p => DataSourceUid(p) == dataSource).SelectMany(Targets).Select(t => (string?)t[field] ?? string.Empty);

    private static IEnumerable<JsonObject> Flatten(JsonNode? panels) =>
        panels?.AsArray().OfType<JsonObject>().SelectMany(p => (IEnumerable<JsonObject>)[p, .. Flatten(p["panels"])]) ?? [];

    [GeneratedRegex(@"\$(?:\{(?<name>\w+)(?::\w+)?\}|(?<name>\w+))|\[\[(?<name>\w+)\]\]")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*(?<label>\w+)\)$")]
    private static partial Regex LabelValuesQuery();
}
