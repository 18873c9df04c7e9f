using System.Text.Json.Nodes;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Webhook.Admission;

/// <summary>
/// Decodes an object of a review with the manifest reader (JSON is valid input for it), so a field of the wrong type
/// is reported with its path exactly as <c>metallb-svc validate</c> reports it.
/// </summary>
public static class AdmissionObjectReader
{
    /// <summary>The source name the reader records; it has no extension, so the content decides JSON.</summary>
    public const string Source = "admission";

    /// <param name="obj">The object; a missing <c>metadata.namespace</c> is filled in from <paramref name="requestNamespace"/>.</param>
    /// <param name="requestNamespace">The namespace of the request, which the API server has already checked.</param>
    public static DecodedObject Read(JsonObject obj, string? requestNamespace)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (!string.IsNullOrEmpty(requestNamespace) && obj["metadata"] is JsonObject metadata && metadata["namespace"] is null)
        {
            metadata["namespace"] = requestNamespace;
        }

        var result = ManifestReader.ReadObject(obj, Source);
        return new DecodedObject(result.Objects, [.. result.Problems.Select(Describe)]);
    }

    /// <summary><c>Kind/name: field: message</c>, leaving out what is not known, without the source name.</summary>
    private static string Describe(ManifestProblem problem) => (problem with { Source = "" }).ToString().TrimStart(':', ' ');
}
