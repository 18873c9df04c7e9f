namespace MetalLb.Bgp.Attributes;

/// <summary>AS_PATH, well-known mandatory (RFC 4271 §5.1.2); 2- or 4-octet ASNs by the negotiated capability (RFC 6793).</summary>
public sealed record AsPathAttribute(IReadOnlyList<AsPathSegment> Segments, byte Flags = AttributeFlags.WellKnown) : PathAttribute(Flags)
{
    public override byte TypeCode => (byte)AttributeType.AsPath;

    public IEnumerable<uint> Asns => Segments.SelectMany(s => s.Asns);

    public override string ToString() => string.Join(' ', Segments);
}
