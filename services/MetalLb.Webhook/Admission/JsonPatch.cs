using System.Text.Json.Nodes;

namespace MetalLb.Webhook.Admission;

/// <summary>Builds RFC 6902 JSONPatch operations with RFC 6901 pointers.</summary>
public sealed class JsonPatch
{
    private readonly JsonArray _operations = [];

    public int Count => _operations.Count;

    /// <summary>One path segment as a JSON pointer token: <c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>.</summary>
    public static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>A pointer from raw segments: <c>("metadata", "labels", "a/b")</c> → <c>/metadata/labels/a~1b</c>.</summary>
    public static string Pointer(params string[] segments) => string.Concat(segments.Select(s => "/" + Escape(s)));

    public JsonPatch Add(string path, JsonNode? value) => Op("add", path, value);

    public JsonPatch Replace(string path, JsonNode? value) => Op("replace", path, value);

    /// <summary>The operations, or null when there are none.</summary>
    public JsonArray? ToArray() => _operations.Count == 0 ? null : _operations;

    private JsonPatch Op(string op, string path, JsonNode? value)
    {
        _operations.Add(new JsonObject { ["op"] = op, ["path"] = path, ["value"] = value });
        return this;
    }
}
