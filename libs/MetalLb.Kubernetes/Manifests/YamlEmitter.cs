using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>
/// Block-style YAML for a JSON tree, indented as kubectl prints it (list dashes under their key). A string is written
/// plain only when YAML 1.1 (kubectl's reading) gives it back as the same string; otherwise it is double-quoted with
/// JSON escapes, which YAML reads the same way.
/// </summary>
internal static partial class YamlEmitter
{
    private const int Step = 2;

    public static void WriteMapping(StringBuilder text, JsonObject mapping, int indent)
    {
        foreach (var (key, value) in mapping)
        {
            if (value is null)
            {
                continue;
            }

            text.Append(' ', indent).Append(Text(key)).Append(':');
            WriteValue(text, value, indent, indent + Step);
        }
    }

    private static void WriteSequence(StringBuilder text, JsonArray sequence, int indent)
    {
        foreach (var item in sequence)
        {
            text.Append(' ', indent).Append('-');
            if (item is JsonObject { Count: > 0 } mapping)
            {
                // The item's first key goes on the dash's line: render the mapping, then drop that line's indentation.
                var inner = new StringBuilder();
                WriteMapping(inner, mapping, indent + Step);
                text.Append(' ').Append(inner, indent + Step, inner.Length - indent - Step);
            }
            else if (item is null)
            {
                text.Append(" null\n");
            }
            else
            {
                WriteValue(text, item, indent, indent + Step);
            }
        }
    }

    /// <summary>After <c>key:</c> or <c>-</c>: a scalar or empty collection on the same line, else the block below.</summary>
    private static void WriteValue(StringBuilder text, JsonNode value, int indent, int childIndent)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                text.Append(" {}\n");
                break;
            case JsonObject mapping:
                text.Append('\n');
                WriteMapping(text, mapping, childIndent);
                break;
            case JsonArray { Count: 0 }:
                text.Append(" []\n");
                break;
            case JsonArray sequence:
                text.Append('\n');
                WriteSequence(text, sequence, indent);
                break;
            default:
                text.Append(' ').Append(Scalar((JsonValue)value)).Append('\n');
                break;
        }
    }

    private static string Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => Text(value.GetValue<string>()),
        _ => value.ToJsonString(),
    };

    private static string Text(string text) =>
        Plain().IsMatch(text) && !DateLike().IsMatch(text)
        && YamlScalarResolver.Resolve(text) is JsonValue resolved && resolved.GetValueKind() == JsonValueKind.String
            ? text
            : JsonSerializer.Serialize(text);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();

    /// <summary>YAML 1.1 timestamps (<c>2024-01-02</c>) would be read back as dates by some readers.</summary>
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", RegexOptions.CultureInvariant)]
    private static partial Regex DateLike();
}
