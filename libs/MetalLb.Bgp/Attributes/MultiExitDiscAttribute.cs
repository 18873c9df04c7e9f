namespace MetalLb.Bgp.Attributes;

/// <summary>MULTI_EXIT_DISC, optional non-transitive (RFC 4271 §5.1.4).</summary>
public sealed record MultiExitDiscAttribute(uint Value, byte Flags = AttributeFlags.Optional) : PathAttribute(Flags)
{
    public override byte TypeCode => (byte)AttributeType.MultiExitDisc;
}
