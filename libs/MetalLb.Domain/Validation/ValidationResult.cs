using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>The problems found in a set of objects and, when there are no errors, the parsed configuration.</summary>
public sealed record ValidationResult(IReadOnlyList<ValidationProblem> Problems, MetalLbConfig? Config)
{
    public bool IsValid => !Problems.Any(p => p.IsError);

    public IEnumerable<ValidationProblem> Errors => Problems.Where(p => p.IsError);

    public IEnumerable<ValidationProblem> Warnings => Problems.Where(p => !p.IsError);
}
