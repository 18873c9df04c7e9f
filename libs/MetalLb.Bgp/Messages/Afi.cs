namespace MetalLb.Bgp.Messages;

/// <summary>Address Family Identifiers used by multiprotocol BGP (RFC 4760); other values pass through.</summary>
public enum Afi : ushort
{
    Ipv4 = 1,
    Ipv6 = 2,
}
