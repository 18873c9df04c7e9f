using System.Text.Json;
using System.Text.Json.Nodes;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>Reads a JSON manifest (one object, or a List as <c>kubectl get -o json</c> writes it) into a JSON tree.</summary>
internal static class JsonManifestParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static ParsedText Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ParsedText([], []);
        }

        try
        {
            var root = JsonNode.Parse(text, documentOptions: Options);
            return root is null
                ? new ParsedText([], [])
                : new ParsedText([new ManifestDocument(1, root, ManifestDocument.NoLines)], []);
        }
        catch (JsonException ex)
        {
            return new ParsedText([], [Describe(ex)]);
        }
    }

    /// <summary>True when the first non-blank character opens a JSON object or array (input with no telling extension).</summary>
    public static bool LooksLikeJson(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return !trimmed.IsEmpty && trimmed[0] is '{' or '[';
    }

    private static string Describe(JsonException ex)
    {
        // STJ appends "Path: … | LineNumber: … | BytePositionInLine: …"; the line is reported on its own, 1-based.
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        message = (cut >= 0 ? message[..cut] : message).TrimEnd();
        return ex.LineNumber is { } line
            ? $"invalid JSON at line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: {message}"
            : $"invalid JSON: {message}";
    }
}
