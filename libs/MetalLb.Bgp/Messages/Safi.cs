namespace MetalLb.Bgp.Messages;

/// <summary>Subsequent Address Family Identifiers (RFC 4760); other values pass through.</summary>
public enum Safi : byte
{
    Unicast = 1,
}
