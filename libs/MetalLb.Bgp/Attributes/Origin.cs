namespace MetalLb.Bgp.Attributes;

/// <summary>ORIGIN values (RFC 4271 §5.1.1).</summary>
public enum Origin : byte
{
    Igp = 0,
    Egp = 1,
    Incomplete = 2,
}
