using System.Text.Json.Nodes;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Observability;

/// <summary>One dashboard of helm/metallb-svc/dashboards, with its panels (those of rows included) and queries.</summary>
internal sealed class GrafanaDashboard
{
    private GrafanaDashboard(string file, JsonObject root)
    {
        File = file;
        Root = root;
    }

    public static string Directory => RepoPaths.Combine("helm", "metallb-svc", "dashboards");

    /// <summary>The file name, e.g. metallb-svc-overview.json.</summary>
    public string File { get; }

    public JsonObject Root { get; }

    public string? Uid => (string?)Root["uid"];

    /// <summary>Every panel, rows and the panels of collapsed rows included.</summary>
    public IEnumerable<JsonObject> Panels => Flatten(Root["panels"]);

    public IEnumerable<JsonObject> Variables => Root["templating"]?["list"]?.AsArray().OfType<JsonObject>() ?? [];

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

    private static IEnumerable<JsonObject> Flatten(JsonNode? panels) =>
        panels?.AsArray().OfType<JsonObject>().SelectMany(p => (IEnumerable<JsonObject>)[p, .. Flatten(p["panels"])]) ?? [];
}
