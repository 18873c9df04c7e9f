using MetalLb.Domain.Validation;

namespace MetalLb.Webhook.Webhooks;

/// <summary>What makes two problems "the same" across two validations: object, field and message, not the source file.</summary>
public readonly record struct ProblemKey(string Kind, string Name, string Field, string Message)
{
    public static ProblemKey Of(ValidationProblem problem) =>
        new(problem.Object.Kind, problem.Object.Name, problem.Field, problem.Message);
}
