namespace MetalLb.Bgp.Attributes;

/// <summary>COMMUNITIES, optional transitive (RFC 1997).</summary>
public sealed record CommunitiesAttribute(IReadOnlyList<Community> Communities, byte Flags = AttributeFlags.OptionalTransitive) : PathAttribute(Flags)
{
    public override byte TypeCode => (byte)AttributeType.Communities;
}
