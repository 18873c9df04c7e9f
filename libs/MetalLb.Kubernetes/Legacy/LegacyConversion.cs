using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>The metallb.io objects converted from legacy input, what could not be converted, and what was passed over.</summary>
/// <param name="Objects">The converted objects; each one's <c>metadata.source</c> names the line it came from.</param>
/// <param name="Problems">Everything that could not be converted; the objects are incomplete when there is any.</param>
/// <param name="Skipped">Documents of other kinds that were not read (<c>Deployment/controller</c>).</param>
public sealed record LegacyConversion(ConfigSource Objects, IReadOnlyList<LegacyProblem> Problems, IReadOnlyList<string> Skipped)
{
    public bool Succeeded => Problems.Count == 0;
}
