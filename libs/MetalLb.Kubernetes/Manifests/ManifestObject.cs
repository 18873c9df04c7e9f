using System.Text.Json.Nodes;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>One object of a manifest as written, and the file (or other origin) it was read from.</summary>
public sealed record ManifestObject(JsonObject Object, string Source)
{
    /// <summary><c>kind</c>, as written.</summary>
    public string Kind => Object["kind"]?.GetValue<string>() ?? "";

    /// <summary><c>metadata.name</c>, as written.</summary>
    public string Name => Object["metadata"]?["name"]?.GetValue<string>() ?? "";

    /// <summary><c>metadata.namespace</c>, or null when the object does not say.</summary>
    public string? Namespace => Object["metadata"]?["namespace"]?.GetValue<string>();
}
