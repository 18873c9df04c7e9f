namespace MetalLb.Domain.Allocation;

/// <summary>A Kubernetes Event the controller adapter should emit on the Service (METALLB-SPEC §2.8).</summary>
public sealed record AllocationEvent(AllocationEventType Type, string Reason, string Message)
{
    public static AllocationEvent Normal(string reason, string message) => new(AllocationEventType.Normal, reason, message);

    public static AllocationEvent Warning(string reason, string message) => new(AllocationEventType.Warning, reason, message);

    public override string ToString() => $"{Type} {Reason}: {Message}";
}
