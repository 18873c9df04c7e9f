namespace MetalLb.TestSupport.Network;

/// <summary>One frame as a capture saw it: the kernel's timestamp (Unix time, nanoseconds) and the bytes from the Ethernet header on.</summary>
public sealed record CapturedFrame(long UnixNanoseconds, byte[] Data)
{
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(UnixNanoseconds / 1_000_000).AddTicks(UnixNanoseconds % 1_000_000 / 100);
}
