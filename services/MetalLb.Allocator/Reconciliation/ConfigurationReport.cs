namespace MetalLb.Allocator.Reconciliation;

/// <summary>Whether the current union of metallb.io objects is valid and, when not, why.</summary>
public sealed record ConfigurationReport(bool Valid, string ErrorSummary)
{
    public static ConfigurationReport Ok { get; } = new(true, "");
}
