namespace MetalLb.Bgp.Attributes;

/// <summary>An RFC 1997 community, written <c>asn:value</c>.</summary>
public readonly record struct Community(uint Value)
{
    public static Community Of(ushort asn, ushort value) => new(((uint)asn << 16) | value);

    public ushort Asn => (ushort)(Value >> 16);

    public ushort Local => (ushort)Value;

    public override string ToString() => $"{Asn}:{Local}";
}
