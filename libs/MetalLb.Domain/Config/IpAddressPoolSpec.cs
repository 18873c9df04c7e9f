namespace MetalLb.Domain.Config;

/// <summary>Spec of an IPAddressPool (METALLB-SPEC §1.1).</summary>
public sealed record IpAddressPoolSpec
{
    public IReadOnlyList<string>? Addresses { get; init; }

    public bool? AutoAssign { get; init; }

    public bool? AvoidBuggyIPs { get; init; }

    public ServiceAllocation? ServiceAllocation { get; init; }
}
