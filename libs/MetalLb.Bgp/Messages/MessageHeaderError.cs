namespace MetalLb.Bgp.Messages;

/// <summary>Subcodes of the Message Header Error (RFC 4271 §4.5).</summary>
public enum MessageHeaderError : byte
{
    ConnectionNotSynchronized = 1,
    BadMessageLength = 2,
    BadMessageType = 3,
}
