namespace MetalLb.Domain.Validation;

/// <summary>Accumulates problems while the rules run.</summary>
public sealed class ProblemCollector
{
    private readonly List<ValidationProblem> _problems = [];

    public IReadOnlyList<ValidationProblem> Problems => _problems;

    public bool HasErrors => _problems.Exists(p => p.IsError);

    public int ErrorCount => _problems.Count(p => p.IsError);

    public void Error(ObjectRef obj, string field, string message) => _problems.Add(new ValidationProblem(obj, field, message));

    public void Warning(ObjectRef obj, string field, string message) =>
        _problems.Add(new ValidationProblem(obj, field, message, Severity.Warning));

    public void Add(ValidationProblem problem) => _problems.Add(problem);
}
