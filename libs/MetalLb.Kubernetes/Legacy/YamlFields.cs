using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>The fields of one mapping, read through <see cref="LegacyYaml"/> so each problem names its line.</summary>
internal sealed class YamlFields(LegacyYaml yaml, YamlNode node, Dictionary<string, YamlField> fields)
{
    /// <summary>The mapping itself (or the null written in its place), for problems about the whole of it.</summary>
    public YamlNode Node => node;

    /// <summary>The field's value node, or null when absent or written as null.</summary>
    public YamlNode? this[string key] =>
        fields.TryGetValue(key, out var field) && !LegacyYaml.IsNull(field.Value) ? field.Value : null;

    public string? String(string key) => this[key] is { } value ? yaml.String(value, key) : null;

    public bool? Bool(string key) => this[key] is { } value ? yaml.Bool(value, key) : null;

    public long? Integer(string key, long min, long max) => this[key] is { } value ? yaml.Integer(value, key, min, max) : null;

    public IReadOnlyList<YamlNode> Items(string key) => this[key] is { } value ? yaml.Items(value, key) : [];

    public IReadOnlyList<(YamlNode Node, string Text)> Strings(string key) => this[key] is { } value ? yaml.Strings(value, key) : [];

    public IReadOnlyList<YamlField> Entries(string key) => this[key] is { } value ? yaml.Entries(value, key) : [];

    public Dictionary<string, string>? StringMap(string key) => this[key] is { } value ? yaml.StringMap(value, key) : null;
}
