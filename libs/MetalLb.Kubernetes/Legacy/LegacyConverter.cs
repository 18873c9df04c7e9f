using MetalLb.Kubernetes.Manifests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>
/// Converts MetalLB's legacy configuration and the Palette MetalLB packs' values into metallb.io objects: pure (text
/// in, objects and problems out), shared by <c>metallb-svc convert</c> and the allocator, which reads the legacy
/// ConfigMap live. Every problem names its line and column; every object names the line it came from in
/// <c>metadata.source</c>.
/// </summary>
public static class LegacyConverter
{
    public const string DefaultNamespace = "metallb-system";

    private const int MaxDepth = 64;

    /// <summary>Converts the YAML of a legacy ConfigMap's <c>config</c> key into objects in <paramref name="namespace"/>.</summary>
    /// <param name="config">The YAML text.</param>
    /// <param name="origin">What problems and sources name as the text (<c>config</c>).</param>
    /// <param name="namespace">The MetalLB namespace, where the objects are made.</param>
    public static LegacyConversion ConvertConfig(string config, string origin, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<LegacyProblem>();
        var objects = new ConfigSourceBuilder();
        ReadConfig(config, new LegacyContext(new LegacyYaml(origin, problems), @namespace, objects));
        return new LegacyConversion(objects.Build(), Sorted(problems), []);
    }

    /// <summary>
    /// Converts every document of a file: ConfigMap manifests with <c>data.config</c> (also inside a List), bare legacy
    /// configs, Palette manifest pack values (<c>manifests.metallb</c>) and Helm pack values
    /// (<c>charts.metallb-full.configuration</c>). Objects of other kinds are skipped.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <param name="origin">The file's name, for problems and sources.</param>
    /// <param name="namespace">
    /// Where to make the objects; null takes the input's own (the ConfigMap's namespace, the manifest pack's
    /// <c>namespace</c> value) or else <see cref="DefaultNamespace"/>.
    /// </param>
    public static LegacyConversion ConvertDocuments(string text, string origin, string? @namespace = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<LegacyProblem>();
        var skipped = new List<string>();
        var objects = new ConfigSourceBuilder();
        var yaml = new LegacyYaml(origin, problems);
        var reader = new DocumentReader(yaml, @namespace, objects, skipped);
        foreach (var root in Load(text, yaml))
        {
            reader.Read(root);
        }

        return new LegacyConversion(objects.Build(), Sorted(problems), skipped);
    }

    internal static void ReadConfig(string config, LegacyContext context)
    {
        var documents = Load(config, context.Yaml).Where(d => !LegacyYaml.IsNull(d)).ToList();
        if (documents.Count > 1)
        {
            context.Yaml.Error(documents[1], "a legacy config is one YAML document; remove the second");
        }

        if (documents.Count > 0)
        {
            LegacyConfigReader.Read(documents[0], context);
        }
    }

    /// <summary>In reading order of the texts (a file, then a ConfigMap's key inside it), and by position within each.</summary>
    private static LegacyProblem[] Sorted(List<LegacyProblem> problems)
    {
        var origins = problems.Select(p => p.Origin).Distinct(StringComparer.Ordinal).ToList();
        return [.. problems.OrderBy(p => origins.IndexOf(p.Origin)).ThenBy(p => p.Line).ThenBy(p => p.Column)];
    }

    /// <summary>The documents of a YAML stream; those completed before a syntax error are still returned.</summary>
    private static List<YamlNode> Load(string text, LegacyYaml yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(text)), MaxDepth));
        }
        catch (YamlException ex)
        {
            yaml.Error(ex.Start, $"invalid YAML: {WithoutPosition(ex.Message)}");
        }

        return [.. stream.Documents.Select(d => d.RootNode)];
    }

    /// <summary>YamlDotNet puts <c>(Line: 3, Col: 1, Idx: 20) - (…): </c> before its messages; the problem has the position.</summary>
    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
    }
}
