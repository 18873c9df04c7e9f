namespace MetalLb.Domain.Allocation;

/// <summary>The Kubernetes event type.</summary>
public enum AllocationEventType
{
    Normal,
    Warning,
}
