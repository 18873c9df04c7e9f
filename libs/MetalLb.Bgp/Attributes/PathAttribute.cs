namespace MetalLb.Bgp.Attributes;

/// <summary>
/// A path attribute of an UPDATE. <see cref="Flags"/> are as received (the extended-length bit included) so a
/// decoded attribute re-encodes to the same octets; the writer sets extended length itself when the value needs it.
/// </summary>
public abstract record PathAttribute(byte Flags)
{
    public abstract byte TypeCode { get; }
}
