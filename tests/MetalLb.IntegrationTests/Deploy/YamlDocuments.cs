using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MetalLb.IntegrationTests.Deploy;

/// <summary>Multi-document YAML read into JSON nodes, so manifests can be queried like the API server sees them.</summary>
internal static class YamlDocuments
{
    public static List<JsonObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>()];
    }

    /// <summary>Every document of every *.yaml file below <paramref name="directory"/>.</summary>
    public static List<JsonObject> LoadTree(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(f => Parse(File.ReadAllText(f)))];

    public static string Kind(JsonObject document) => (string?)document["kind"] ?? string.Empty;

    public static string Name(JsonObject document) => (string?)document["metadata"]?["name"] ?? string.Empty;

    public static JsonObject Single(IEnumerable<JsonObject> documents, string kind, string name) =>
        documents.Single(d => Kind(d) == kind && Name(d) == name);

    /// <summary>The metallb.io objects among <paramref name="documents"/>.</summary>
    public static List<JsonObject> MetalLbObjects(IEnumerable<JsonObject> documents) =>
        [.. documents.Where(d => ((string?)d["apiVersion"] ?? string.Empty).StartsWith("metallb.io/", StringComparison.Ordinal))];

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? string.Empty, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    // Plain scalars follow YAML 1.2's core schema (what Kubernetes reads); quoted ones are always strings.
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }
}
