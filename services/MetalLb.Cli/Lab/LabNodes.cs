using System.Text.Json.Nodes;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Cli.Lab;

/// <summary>
/// Which nodes run a simulated announcer: the input's Nodes in name order, as many as <c>--nodes</c> asks (all by
/// default), with <c>lab-node-N</c> Nodes added when it asks for more than the input has. Nodes without an announcer
/// count as down, so the election passes over them.
/// </summary>
public static class LabNodes
{
    public const string GeneratedPrefix = "lab-node-";

    public static IReadOnlyList<string> Names(IReadOnlyList<ManifestObject> documents, int? wanted)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var inInput = documents.Where(d => d.Kind == NodeInfo.KindName && d.Name.Length > 0).Select(d => d.Name)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var count = wanted ?? Math.Max(1, inInput.Count);
        var names = inInput.Take(count).ToList();
        for (var i = 1; names.Count < count; i++)
        {
            var name = $"{GeneratedPrefix}{i}";
            if (!inInput.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The documents plus a Node object for every simulated node the input does not have.</summary>
    public static IReadOnlyList<ManifestObject> WithGenerated(IReadOnlyList<ManifestObject> documents, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var existing = documents.Where(d => d.Kind == NodeInfo.KindName).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var added = names.Where(n => !existing.Contains(n)).Select(n => new ManifestObject(
            new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = NodeInfo.KindName,
                ["metadata"] = new JsonObject { ["name"] = n, ["labels"] = new JsonObject { ["kubernetes.io/hostname"] = n } },
            },
            "(lab)"));
        return [.. documents, .. added];
    }
}
