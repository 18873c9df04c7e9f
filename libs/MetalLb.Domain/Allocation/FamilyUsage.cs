namespace MetalLb.Domain.Allocation;

/// <summary>Capacity and use of one address family of a pool, exact and as MetalLB's saturating Int64 counters.</summary>
public readonly record struct FamilyUsage(UInt128 Capacity, UInt128 Assigned)
{
    /// <summary>Capacity minus distinct IPs in use (never negative).</summary>
    public UInt128 Available => Capacity > Assigned ? Capacity - Assigned : UInt128.Zero;

    public long CapacityInt64 => Saturate(Capacity);

    public long AssignedInt64 => Saturate(Assigned);

    public long AvailableInt64 => Saturate(Available);

    /// <summary>Clamps to <see cref="long.MaxValue"/>, as MetalLB reports an enormous IPv6 pool.</summary>
    public static long Saturate(UInt128 value) => value >= long.MaxValue ? long.MaxValue : (long)value;
}
