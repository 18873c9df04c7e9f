using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>Reads a multi-document YAML stream into JSON documents; empty documents are skipped.</summary>
internal static class YamlManifestParser
{
    private const int MaxDepth = 64;

    public static ParsedText Parse(string text)
    {
        var stream = new YamlStream();
        var parser = new DepthLimitedParser(new Parser(new StringReader(text)), MaxDepth);
        var errors = new List<string>();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            errors.Add(Describe(ex));
        }
        catch (Exception ex)
        {
            errors.Add($"invalid YAML: {ex.Message}");
        }

        // YamlStream keeps the documents it finished before an error, so those are still read and checked.
        var converter = new YamlToJsonConverter(MaxDepth, maxNodes: (10 * parser.EventCount) + 100_000);
        var documents = new List<ManifestDocument>();
        var index = 0;
        foreach (var document in stream.Documents.ToList())
        {
            index++;
            JsonNode? root;
            try
            {
                root = converter.Convert(document.RootNode);
            }
            catch (YamlException ex)
            {
                errors.Add($"document {index}: {Describe(ex)}");
                continue;
            }

            if (root is not null)
            {
                documents.Add(new ManifestDocument(index, root, converter.Lines));
            }
        }

        return new ParsedText(documents, errors);
    }

    private static string Describe(YamlException ex) =>
        ex.Start.Line > 0
            ? $"invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}"
            : $"invalid YAML: {ex.Message}";
}
