namespace MetalLb.Bgp.Attributes;

/// <summary>LARGE_COMMUNITY, optional transitive (RFC 8092).</summary>
public sealed record LargeCommunitiesAttribute(IReadOnlyList<LargeCommunity> Communities, byte Flags = AttributeFlags.OptionalTransitive)
    : PathAttribute(Flags)
{
    public override byte TypeCode => (byte)AttributeType.LargeCommunity;
}
