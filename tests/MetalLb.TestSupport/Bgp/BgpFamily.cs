namespace MetalLb.TestSupport.Bgp;

/// <summary>The address families the router fixtures speak: IPv4 and IPv6 unicast.</summary>
public enum BgpFamily
{
    Ipv4,
    Ipv6,
}
