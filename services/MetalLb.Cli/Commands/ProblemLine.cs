using MetalLb.Domain.Validation;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Cli.Commands;

/// <summary>One problem as the CLI prints it: <c>PATH: Kind/name: message</c>, and as JSON.</summary>
public sealed record ProblemLine(string File, string? Kind, string? Name, string? Field, string Message, bool IsWarning)
{
    public static ProblemLine From(ValidationProblem problem) => new(
        problem.Object.Source ?? "-",
        problem.Object.Kind,
        problem.Object.Name,
        problem.Field,
        problem.Field.Length > 0 && !problem.Message.Contains(problem.Field, StringComparison.Ordinal)
            ? $"{problem.Field}: {problem.Message}"
            : problem.Message,
        !problem.IsError);

    public static ProblemLine From(ManifestProblem problem) =>
        new(problem.Source, problem.Kind, problem.Name, problem.Field,
            problem.Field is { Length: > 0 } f ? $"{f}: {problem.Message}" : problem.Message, false);

    public override string ToString()
    {
        var subject = Kind is null ? "" : Name is null ? $"{Kind}: " : $"{Kind}/{Name}: ";
        return $"{File}: {subject}{(IsWarning ? "warning: " : "")}{Message}";
    }
}
