namespace MetalLb.Bgp.Capabilities;

/// <summary>A capability this codec does not interpret, kept as its raw value so it can be logged or re-encoded.</summary>
public sealed record UnknownCapability(byte RawCode, byte[] Value) : BgpCapability
{
    public override byte Code => RawCode;
}
