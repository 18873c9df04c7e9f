using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>The merged objects, why the legacy ConfigMap cannot be taken (if it cannot), and the pools that came from it.</summary>
/// <param name="Objects">The snapshot with the converted objects added (unchanged when the ConfigMap does not convert).</param>
/// <param name="Errors">Conversion problems or name clashes, each naming the ConfigMap and line.</param>
/// <param name="LegacyPools">Pools that exist only in the ConfigMap: they have no object to write a status to.</param>
/// <param name="Origin">What the converted objects' <c>metadata.source</c> starts with; null when there is no ConfigMap.</param>
public sealed record LegacyMergeResult(ConfigSource Objects, IReadOnlyList<string> Errors, IReadOnlySet<string> LegacyPools, string? Origin)
{
    /// <summary>Whether <paramref name="source"/> (an object's <c>metadata.source</c>) is a line of the legacy ConfigMap.</summary>
    public bool IsLegacy(string? source) => Origin is not null && source?.StartsWith(Origin, StringComparison.Ordinal) == true;
}
