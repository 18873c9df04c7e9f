namespace MetalLb.Bgp.Attributes;

/// <summary>LOCAL_PREF, well-known, sent to internal peers only (RFC 4271 §5.1.5).</summary>
public sealed record LocalPrefAttribute(uint Value, byte Flags = AttributeFlags.WellKnown) : PathAttribute(Flags)
{
    public override byte TypeCode => (byte)AttributeType.LocalPref;
}
