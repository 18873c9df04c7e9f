using System.Text.Json.Nodes;

namespace MetalLb.Webhook.Admission;

/// <summary>The apiVersion and kind of an object in a review, split into group and version.</summary>
public sealed record ObjectHeader(string ApiVersion, string Kind)
{
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    public string Version => ApiVersion[(ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>Reads the header; missing or non-string fields read as empty.</summary>
    public static ObjectHeader Of(JsonObject obj) => new(Text(obj["apiVersion"]), Text(obj["kind"]));

    public override string ToString() => $"{ApiVersion} {Kind}".Trim();

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
