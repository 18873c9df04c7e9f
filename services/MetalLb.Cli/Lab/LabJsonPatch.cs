using System.Globalization;
using System.Text.Json.Nodes;

namespace MetalLb.Cli.Lab;

/// <summary>Applies the RFC 6902 <c>add</c> and <c>replace</c> operations the mutating webhooks produce (RFC 6901 pointers).</summary>
public static class LabJsonPatch
{
    public static void Apply(JsonObject target, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = operation["op"]?.GetValue<string>();
            var path = operation["path"]?.GetValue<string>() ?? throw new InvalidOperationException("patch operation without a path");
            if (op is not ("add" or "replace"))
            {
                throw new NotSupportedException($"patch operation \"{op}\" at {path}");
            }

            var tokens = path.Split('/')[1..].Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            JsonNode parent = target;
            foreach (var token in tokens[..^1])
            {
                parent = Child(parent, token) ?? throw new InvalidOperationException($"patch path {path} does not exist");
            }

            var value = operation["value"]?.DeepClone();
            var last = tokens[^1];
            switch (parent)
            {
                case JsonObject obj:
                    obj[last] = value;
                    break;
                case JsonArray array when last == "-":
                    array.Add(value);
                    break;
                case JsonArray array when op == "replace":
                    array[int.Parse(last, CultureInfo.InvariantCulture)] = value;
                    break;
                case JsonArray array:
                    array.Insert(int.Parse(last, CultureInfo.InvariantCulture), value);
                    break;
                default:
                    throw new InvalidOperationException($"patch path {path} does not point into an object or array");
            }
        }
    }

    private static JsonNode? Child(JsonNode node, string token) => node switch
    {
        JsonObject obj => obj[token],
        JsonArray array => array[int.Parse(token, CultureInfo.InvariantCulture)],
        _ => null,
    };
}
