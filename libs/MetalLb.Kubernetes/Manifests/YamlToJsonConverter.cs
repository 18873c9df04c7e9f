using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>
/// Turns a YAML node tree into a JSON tree as kubectl does (sigs.k8s.io/yaml over go-yaml v2): plain scalars typed
/// by YAML 1.1, quoted scalars strings, keys made strings, <c>&lt;&lt;</c> merge keys applied, duplicate keys refused.
/// </summary>
internal sealed class YamlToJsonConverter(int maxDepth, int maxNodes)
{
    private const string MergeTag = "tag:yaml.org,2002:merge";

    private static readonly string[] ResolvableTags =
        ["tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:float", "tag:yaml.org,2002:null"];

    private readonly Dictionary<JsonNode, int> _lines = new(ReferenceEqualityComparer.Instance);
    private int _nodes;

    public IReadOnlyDictionary<JsonNode, int> Lines => _lines;

    public JsonNode? Convert(YamlNode node) => Convert(node, 0);

    private JsonNode? Convert(YamlNode node, int depth)
    {
        // Aliases are shared nodes, so a self-referencing anchor is a cycle and a "billion laughs" document is
        // exponentially large once expanded; depth and node budgets stop both.
        if (depth > maxDepth)
        {
            throw new YamlException(node.Start, node.End, $"nesting deeper than {maxDepth} levels");
        }

        if (++_nodes > maxNodes)
        {
            throw new YamlException(node.Start, node.End, "document too large once aliases are expanded");
        }

        return node switch
        {
            YamlScalarNode scalar => ConvertScalar(scalar),
            YamlSequenceNode sequence => ConvertSequence(sequence, depth),
            YamlMappingNode mapping => ConvertMapping(mapping, depth),
            _ => throw new YamlException(node.Start, node.End, "unresolved alias"),
        };
    }

    /// <summary>
    /// Untagged plain scalars are typed; quoted and block scalars are strings. An explicit core tag
    /// (<c>!!int</c>, <c>!!bool</c>, <c>!!float</c>, <c>!!null</c>) asks for typing whatever the style; <c>!!str</c>,
    /// <c>!</c> and custom tags keep the text.
    /// </summary>
    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        var typed = scalar.Tag.IsEmpty
            ? scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
            : ResolvableTags.Any(tag => HasTag(scalar, tag));
        return typed ? YamlScalarResolver.Resolve(value) : JsonValue.Create(value);
    }

    private JsonArray ConvertSequence(YamlSequenceNode sequence, int depth)
    {
        var array = new JsonArray();
        _lines[array] = Line(sequence);
        foreach (var child in sequence.Children)
        {
            array.Add(Convert(child, depth + 1));
        }

        return array;
    }

    private JsonObject ConvertMapping(YamlMappingNode mapping, int depth)
    {
        var obj = new JsonObject();
        _lines[obj] = Line(mapping);
        List<YamlNode>? merges = null;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (IsMergeKey(keyNode))
            {
                (merges ??= []).Add(valueNode);
                continue;
            }

            var key = KeyText(keyNode);
            if (obj.ContainsKey(key))
            {
                throw new YamlException(keyNode.Start, keyNode.End, $"key \"{key}\" already set in map");
            }

            obj[key] = Convert(valueNode, depth + 1);
        }

        foreach (var merge in merges ?? [])
        {
            Merge(obj, merge, depth);
        }

        return obj;
    }

    /// <summary>YamlDotNet throws when reading the value of an empty or non-specific tag, so check those first.</summary>
    private static bool HasTag(YamlNode node, string tag) =>
        !node.Tag.IsEmpty && !node.Tag.IsNonSpecific && node.Tag.Value == tag;

    private static int Line(YamlNode node) => (int)Math.Min(node.Start.Line, int.MaxValue);

    /// <summary>Keys written explicitly win over merged ones; among merged maps the first one wins (YAML merge spec).</summary>
    private void Merge(JsonObject target, YamlNode source, int depth)
    {
        IEnumerable<YamlNode> maps = source is YamlSequenceNode list ? list.Children : [source];
        foreach (var map in maps)
        {
            if (map is not YamlMappingNode || Convert(map, depth + 1) is not JsonObject merged)
            {
                throw new YamlException(map.Start, map.End, "map merge requires map or sequence of maps as the value");
            }

            foreach (var key in merged.Select(p => p.Key).ToList())
            {
                if (!target.ContainsKey(key))
                {
                    var value = merged[key];
                    merged.Remove(key);
                    target[key] = value;
                }
            }
        }
    }

    private static bool IsMergeKey(YamlNode key) =>
        key is YamlScalarNode { Value: "<<" } scalar
        && (HasTag(scalar, MergeTag) || (scalar.Tag.IsEmpty && scalar.Style is ScalarStyle.Plain or ScalarStyle.Any));

    /// <summary>JSON keys are strings: a typed key is written back as text (<c>0x10</c> → <c>16</c>, <c>yes</c> → <c>true</c>).</summary>
    private static string KeyText(YamlNode key)
    {
        if (key is not YamlScalarNode scalar)
        {
            throw new YamlException(key.Start, key.End, "mapping key must be a scalar");
        }

        var node = ConvertScalar(scalar);
        return node switch
        {
            null => "null",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonValue value when value.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonValue value when value.TryGetValue<double>(out var d) => d.ToString("R", CultureInfo.InvariantCulture),
            _ => node.ToJsonString(),
        };
    }
}
