using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Capabilities;

/// <summary>Multiprotocol Extensions for one AFI/SAFI (RFC 4760 §8).</summary>
public sealed record MultiprotocolCapability(Afi Afi, Safi Safi, byte Reserved = 0) : BgpCapability
{
    public override byte Code => (byte)CapabilityCode.Multiprotocol;
}
