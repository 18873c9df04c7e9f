namespace MetalLb.Domain.Allocation;

/// <summary>Accounting of one pool for its status and metrics (METALLB-SPEC §3.8); a shared IP counts once.</summary>
/// <remarks>
/// Capacity is <see cref="Model.Pool.Capacity"/>: exact, buggy .0/.255 addresses excluded when avoidBuggyIPs. MetalLB
/// already reports <see cref="long.MaxValue"/> once a CIDR has 62 or more host bits; the Int64 views here saturate
/// only when the exact value does not fit.
/// </remarks>
public sealed record PoolUsage(string Pool, FamilyUsage V4, FamilyUsage V6)
{
    public UInt128 Capacity => SaturatingAdd(V4.Capacity, V6.Capacity);

    public UInt128 Assigned => V4.Assigned + V6.Assigned;

    public UInt128 Available => SaturatingAdd(V4.Available, V6.Available);

    public long CapacityInt64 => FamilyUsage.Saturate(Capacity);

    private static UInt128 SaturatingAdd(UInt128 a, UInt128 b) => a > UInt128.MaxValue - b ? UInt128.MaxValue : a + b;
}
