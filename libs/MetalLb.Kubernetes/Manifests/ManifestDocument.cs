using System.Text.Json.Nodes;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>One document of a manifest file as a JSON tree, with the lines its mappings and sequences started on (YAML only).</summary>
internal sealed record ManifestDocument(int Index, JsonNode Root, IReadOnlyDictionary<JsonNode, int> Lines)
{
    public static readonly IReadOnlyDictionary<JsonNode, int> NoLines =
        new Dictionary<JsonNode, int>(ReferenceEqualityComparer.Instance);

    /// <summary>Where a node of this document is, for messages: <c>document 2 (line 14)</c>.</summary>
    public string Locate(JsonNode? node, int? item = null)
    {
        var where = item is { } i ? $"document {Index}, item {i}" : $"document {Index}";
        return node is not null && Lines.TryGetValue(node, out var line) ? $"{where} (line {line})" : where;
    }
}
