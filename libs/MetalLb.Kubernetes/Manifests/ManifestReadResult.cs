using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>What reading manifests produced: the objects understood, the problems found and the objects passed over.</summary>
public sealed record ManifestReadResult
{
    public ConfigSource Objects { get; init; } = new();

    public IReadOnlyList<ManifestProblem> Problems { get; init; } = [];

    public IReadOnlyList<SkippedObject> Skipped { get; init; } = [];
}
