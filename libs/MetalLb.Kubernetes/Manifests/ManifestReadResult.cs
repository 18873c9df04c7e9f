using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>What reading manifests produced: the objects understood, the problems found and the objects passed over.</summary>
public sealed record ManifestReadResult
{
    public ConfigSource Objects { get; init; } = new();

    public IReadOnlyList<ManifestProblem> Problems { get; init; } = [];

    public IReadOnlyList<SkippedObject> Skipped { get; init; } = [];

    /// <summary>
    /// Every object of a kind MetalLB reads, as the JSON tree it was read from (Lists flattened), in input order;
    /// filled only by <see cref="ManifestReader.ReadDocuments"/>.
    /// </summary>
    public IReadOnlyList<ManifestObject> Documents { get; init; } = [];
}
