namespace MetalLb.Bgp.Attributes;

/// <summary>The high-order bits of a path attribute's flags octet (RFC 4271 §4.3).</summary>
public static class AttributeFlags
{
    public const byte Optional = 0x80;
    public const byte Transitive = 0x40;
    public const byte Partial = 0x20;
    public const byte ExtendedLength = 0x10;

    public const byte WellKnown = Transitive;
    public const byte OptionalTransitive = Optional | Transitive;
}
