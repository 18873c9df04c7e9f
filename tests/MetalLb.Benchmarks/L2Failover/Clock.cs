namespace MetalLb.Benchmarks.L2Failover;

/// <summary>The realtime clock in the unit of capture timestamps (the kernel stamps frames with the same clock).</summary>
internal static class Clock
{
    public static long UnixNanoseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    public static double Milliseconds(long fromNanos, long toNanos) => (toNanos - fromNanos) / 1e6;
}
