namespace MetalLb.Domain.Model;

/// <summary>Operators of a label selector requirement.</summary>
public enum SelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
}
