namespace MetalLb.Domain.Allocation;

/// <summary>The IP family of a Service or of a set of IPs: one family, or both.</summary>
internal enum ServiceFamily
{
    V4,
    V6,
    DualStack,
}
