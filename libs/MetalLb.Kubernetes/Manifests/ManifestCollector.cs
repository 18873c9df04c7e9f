using System.Text;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>Accumulates objects, problems and skipped objects over every text read in one call.</summary>
internal sealed class ManifestCollector
{
    private readonly List<ManifestProblem> _problems = [];
    private readonly List<SkippedObject> _skipped = [];
    private readonly List<ManifestObject> _documents = [];

    /// <summary>Whether every object read is also kept as the JSON tree it was read from.</summary>
    public bool KeepDocuments { get; init; }

    public ConfigSourceBuilder Objects { get; } = new();

    public void Read(string text, string source)
    {
        ParsedText parsed;
        try
        {
            parsed = Parse(WithoutLoneSurrogates(text), source);
        }
        catch (Exception ex)
        {
            Problem(new ManifestProblem(source, null, null, null, $"internal error while parsing: {ex.Message}"));
            return;
        }

        foreach (var error in parsed.Errors)
        {
            Problem(new ManifestProblem(source, null, null, null, error));
        }

        foreach (var document in parsed.Documents)
        {
            try
            {
                ObjectDecoder.Decode(document, source, this);
            }
            catch (Exception ex)
            {
                Problem(new ManifestProblem(
                    source, null, null, null, $"document {document.Index}: internal error while decoding: {ex.Message}"));
            }
        }
    }

    /// <summary>Decodes one already-parsed object (an admission request's), without a round trip through text.</summary>
    public void ReadObject(System.Text.Json.Nodes.JsonObject obj, string source)
    {
        try
        {
            ObjectDecoder.Decode(new ManifestDocument(0, obj, ManifestDocument.NoLines), source, this);
        }
        catch (Exception ex)
        {
            Problem(new ManifestProblem(source, null, null, null, $"internal error while decoding: {ex.Message}"));
        }
    }

    public void Problem(ManifestProblem problem) => _problems.Add(problem);

    public void IoProblem(string source, string message) =>
        _problems.Add(new ManifestProblem(source, null, null, null, message) { IsIoError = true });

    public void Skip(SkippedObject skipped) => _skipped.Add(skipped);

    public void Keep(ManifestObject document) => _documents.Add(document);

    public ManifestReadResult ToResult() => new()
    {
        Objects = Objects.Build(),
        Problems = [.. _problems],
        Skipped = [.. _skipped],
        Documents = [.. _documents],
    };

    /// <summary>By extension; otherwise JSON when it starts like JSON and parses as JSON, else YAML.</summary>
    private static ParsedText Parse(string text, string source)
    {
        if (HasExtension(source, ".json"))
        {
            return JsonManifestParser.Parse(text);
        }

        if (HasExtension(source, ".yaml") || HasExtension(source, ".yml") || !JsonManifestParser.LooksLikeJson(text))
        {
            return YamlManifestParser.Parse(text);
        }

        var json = JsonManifestParser.Parse(text);
        if (json.Errors.Count == 0)
        {
            return json;
        }

        var yaml = YamlManifestParser.Parse(text);
        return yaml.Errors.Count == 0 ? yaml : json;
    }

    /// <summary>
    /// Text read from a file is always valid UTF-16, but a caller's string may hold a lone surrogate, which JSON
    /// cannot encode; it becomes U+FFFD, as a UTF-8 decoder would have made it.
    /// </summary>
    private static string WithoutLoneSurrogates(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogate(text[i])
                && !(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[++i])))
            {
                return Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
            }
        }

        return text;
    }

    private static bool HasExtension(string source, string extension) =>
        source.EndsWith(extension, StringComparison.OrdinalIgnoreCase);
}
