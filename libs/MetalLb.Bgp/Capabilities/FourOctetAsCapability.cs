namespace MetalLb.Bgp.Capabilities;

/// <summary>Support for 4-octet AS numbers, carrying the speaker's real ASN (RFC 6793 §3).</summary>
public sealed record FourOctetAsCapability(uint Asn) : BgpCapability
{
    public override byte Code => (byte)CapabilityCode.FourOctetAs;
}
