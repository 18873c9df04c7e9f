namespace MetalLb.Domain.Net;

/// <summary>The address family of an IP address, prefix or Service.</summary>
public enum IpFamily : byte
{
    V4 = 4,
    V6 = 6,
}
