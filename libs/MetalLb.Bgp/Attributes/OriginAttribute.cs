namespace MetalLb.Bgp.Attributes;

/// <summary>ORIGIN, well-known mandatory (RFC 4271 §5.1.1).</summary>
public sealed record OriginAttribute(Origin Origin, byte Flags = AttributeFlags.WellKnown) : PathAttribute(Flags)
{
    public override byte TypeCode => (byte)AttributeType.Origin;
}
