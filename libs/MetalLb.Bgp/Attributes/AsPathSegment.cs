namespace MetalLb.Bgp.Attributes;

/// <summary>One AS_PATH segment; ASNs are held as 4-octet values whatever their encoding on the wire.</summary>
public sealed record AsPathSegment(AsPathSegmentType SegmentType, IReadOnlyList<uint> Asns)
{
    public override string ToString() => SegmentType == AsPathSegmentType.AsSet ? $"{{{string.Join(',', Asns)}}}" : string.Join(' ', Asns);
}
