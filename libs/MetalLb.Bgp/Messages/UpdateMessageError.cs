namespace MetalLb.Bgp.Messages;

/// <summary>Subcodes of the UPDATE Message Error (RFC 4271 §4.5).</summary>
public enum UpdateMessageError : byte
{
    MalformedAttributeList = 1,
    UnrecognizedWellKnownAttribute = 2,
    MissingWellKnownAttribute = 3,
    AttributeFlagsError = 4,
    AttributeLengthError = 5,
    InvalidOriginAttribute = 6,
    InvalidNextHopAttribute = 8,
    OptionalAttributeError = 9,
    InvalidNetworkField = 10,
    MalformedAsPath = 11,
}
