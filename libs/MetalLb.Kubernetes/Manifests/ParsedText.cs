namespace MetalLb.Kubernetes.Manifests;

/// <summary>The documents read from one text, and messages for the parts that could not be read.</summary>
internal sealed record ParsedText(IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<string> Errors);
