namespace MetalLb.Bgp.Attributes;

/// <summary>
/// An attribute kept as octets: unknown optional ones (passed on with the Partial bit when transitive, RFC 4271
/// §5) and known ones this codec does not interpret (ATOMIC_AGGREGATE, AGGREGATOR, AS4_PATH, other families' MP_*).
/// </summary>
public sealed record RawAttribute(byte Flags, byte RawType, byte[] Value) : PathAttribute(Flags)
{
    public override byte TypeCode => RawType;
}
