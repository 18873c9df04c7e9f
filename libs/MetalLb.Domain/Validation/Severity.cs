namespace MetalLb.Domain.Validation;

/// <summary>How bad a validation problem is: errors make a configuration invalid, warnings do not.</summary>
public enum Severity
{
    Error,
    Warning,
}
