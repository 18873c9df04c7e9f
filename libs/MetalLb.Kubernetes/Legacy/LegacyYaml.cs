using System.Text.Json.Nodes;
using MetalLb.Kubernetes.Manifests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>
/// Reads YAML nodes the way MetalLB's legacy config loader did (go-yaml v2 <c>UnmarshalStrict</c>: YAML 1.1 scalars,
/// unknown and repeated keys refused) and reports every problem at its line and column.
/// </summary>
internal sealed class LegacyYaml(string origin, List<LegacyProblem> problems)
{
    /// <summary>A broken document can have a problem per line; past this many the rest are not worth reading.</summary>
    public const int MaxProblems = 100;

    private const string MergeKey = "<<";

    private static readonly string[] TypedTags =
        ["tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:float", "tag:yaml.org,2002:null"];

    /// <summary>What line numbers count in (<c>config</c>, a file name).</summary>
    public string Origin => origin;

    /// <summary>Where problems go; a reader of an embedded text shares it.</summary>
    public List<LegacyProblem> Problems => problems;

    public void Error(YamlNode node, string message) => Error(node.Start, message);

    public void Error(Mark mark, string message)
    {
        if (problems.Count < MaxProblems)
        {
            problems.Add(new LegacyProblem(origin, ToInt(mark.Line), ToInt(mark.Column), message));
        }
    }

    /// <summary>The <c>metadata.source</c> of an object made from <paramref name="node"/>: <c>origin:line</c>.</summary>
    public string SourceOf(YamlNode node) => $"{origin}:{ToInt(node.Start.Line)}";

    /// <summary>
    /// The fields of a mapping; a null or empty value has none. Reports a value that is not a mapping (returns null),
    /// keys outside <paramref name="known"/>, repeated keys and merge keys.
    /// </summary>
    public YamlFields? Fields(YamlNode node, string what, params string[] known)
    {
        if (IsNull(node))
        {
            return new YamlFields(this, node, []);
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{what}: expected a mapping, got {Describe(node)}");
            return null;
        }

        var fields = new Dictionary<string, YamlField>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, $"{what}: keys must be plain text");
                continue;
            }

            if (key == MergeKey)
            {
                Error(keyNode, $"{what}: merge keys (<<) are not supported; write the fields out");
            }
            else if (!known.Contains(key, StringComparer.Ordinal))
            {
                Error(keyNode, $"{what}: unknown field \"{key}\" (known: {string.Join(", ", known)})");
            }
            else if (!fields.TryAdd(key, new YamlField(key, keyNode, value)))
            {
                Error(keyNode, $"{what}: field \"{key}\" is set twice");
            }
        }

        return new YamlFields(this, node, fields);
    }

    /// <summary>The entries of a mapping whose keys are names (aliases, label keys, object names), in order.</summary>
    public IReadOnlyList<YamlField> Entries(YamlNode node, string what)
    {
        if (IsNull(node))
        {
            return [];
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{what}: expected a mapping, got {Describe(node)}");
            return [];
        }

        var entries = new List<YamlField>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } || key == MergeKey)
            {
                Error(keyNode, $"{what}: keys must be plain names");
            }
            else if (!seen.Add(key))
            {
                Error(keyNode, $"{what}: \"{key}\" is set twice");
            }
            else
            {
                entries.Add(new YamlField(key, keyNode, value));
            }
        }

        return entries;
    }

    /// <summary>The items of a sequence; null is none. Reports anything else.</summary>
    public IReadOnlyList<YamlNode> Items(YamlNode node, string what)
    {
        if (IsNull(node))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"{what}: expected a list, got {Describe(node)}");
            return [];
        }

        return [.. sequence.Children];
    }

    /// <summary>A scalar's text, as go-yaml hands any scalar to a string field; null for null.</summary>
    public string? String(YamlNode node, string what)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Error(node, $"{what}: expected text, got {Describe(node)}");
            return null;
        }

        return scalar.Value ?? "";
    }

    public bool? Bool(YamlNode node, string what)
    {
        var typed = Typed(node, what, "true or false");
        if (typed is null)
        {
            return null;
        }

        if (typed.TryGetValue<bool>(out var value))
        {
            return value;
        }

        Error(node, $"{what}: expected true or false, got {Describe(node)}");
        return null;
    }

    public long? Integer(YamlNode node, string what, long min, long max)
    {
        var typed = Typed(node, what, "a whole number");
        if (typed is null)
        {
            return null;
        }

        if (typed.TryGetValue<long>(out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error(node, $"{what}: expected a whole number from {min} to {max}, got {Describe(node)}");
        return null;
    }

    /// <summary>A list of texts; null is none.</summary>
    public IReadOnlyList<(YamlNode Node, string Text)> Strings(YamlNode node, string what)
    {
        var texts = new List<(YamlNode, string)>();
        foreach (var item in Items(node, what))
        {
            if (String(item, what) is { } text)
            {
                texts.Add((item, text));
            }
            else if (IsNull(item))
            {
                Error(item, $"{what}: an item is empty");
            }
        }

        return texts;
    }

    /// <summary>A mapping of texts to texts (labels); null is none.</summary>
    public Dictionary<string, string>? StringMap(YamlNode node, string what)
    {
        var entries = Entries(node, what);
        if (entries.Count == 0)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            map[entry.Name] = String(entry.Value, $"{what}.{entry.Name}") ?? "";
        }

        return map;
    }

    /// <summary>The value of <paramref name="key"/> in a mapping, without checking the other keys (Kubernetes manifests).</summary>
    public static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping
            ? mapping.Children.FirstOrDefault(p => p.Key is YamlScalarNode { Value: var k } && k == key).Value
            : null;

    /// <summary>Null, <c>~</c> or nothing at all, written plainly: the field is unset (Go leaves its zero value).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar && IsTypedScalar(scalar) && YamlScalarResolver.Resolve(scalar.Value ?? "") is null;

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => $"\"{scalar.Value}\"",
        _ => "an alias",
    };

    /// <summary>The scalar typed as go-yaml v2 types it (YAML 1.1); null when unset. Reports a list or mapping.</summary>
    private JsonValue? Typed(YamlNode node, string what, string expected)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Error(node, $"{what}: expected {expected}, got {Describe(node)}");
            return null;
        }

        return IsTypedScalar(scalar)
            ? YamlScalarResolver.Resolve(scalar.Value ?? "") as JsonValue
            : JsonValue.Create(scalar.Value ?? "");
    }

    /// <summary>Plain untagged scalars are typed by their text; an explicit core tag asks for typing whatever the style.</summary>
    private static bool IsTypedScalar(YamlScalarNode scalar) =>
        scalar.Tag.IsEmpty
            ? scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
            : !scalar.Tag.IsNonSpecific && TypedTags.Contains(scalar.Tag.Value, StringComparer.Ordinal);

    private static int ToInt(long value) => (int)Math.Clamp(value, 0, int.MaxValue);
}
