namespace MetalLb.Kubernetes.Manifests;

/// <summary>An object of a kind this reader does not model (a ConfigMap, a Deployment…), passed over on purpose.</summary>
public sealed record SkippedObject(string Source, string ApiVersion, string Kind, string? Name)
{
    public override string ToString() => $"{Source}: {ApiVersion} {Kind}/{Name}";
}
