namespace MetalLb.Bgp.Attributes;

/// <summary>AS_PATH segment types (RFC 4271 §4.3).</summary>
public enum AsPathSegmentType : byte
{
    AsSet = 1,
    AsSequence = 2,
}
