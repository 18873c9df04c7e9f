namespace MetalLb.Domain.Validation;

/// <summary>One finding of validation: the object, the field path, the message and its severity.</summary>
public sealed record ValidationProblem(ObjectRef Object, string Field, string Message, Severity Severity = Severity.Error)
{
    public bool IsError => Severity == Severity.Error;

    /// <summary><c>Kind/name: message</c>, with <c>warning: </c> before the message of a warning.</summary>
    public override string ToString() =>
        Severity == Severity.Warning ? $"{Object}: warning: {Message}" : $"{Object}: {Message}";
}
