namespace MetalLb.Bgp.Messages;

/// <summary>Subcodes of the OPEN Message Error (RFC 4271 §4.5, RFC 5492 for Unsupported Capability).</summary>
public enum OpenMessageError : byte
{
    Unspecific = 0,
    UnsupportedVersionNumber = 1,
    BadPeerAs = 2,
    BadBgpIdentifier = 3,
    UnsupportedOptionalParameter = 4,
    UnacceptableHoldTime = 6,
    UnsupportedCapability = 7,
}
