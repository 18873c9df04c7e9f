namespace MetalLb.Bgp.Messages;

/// <summary>A decoded BGP-4 message; the 19-octet header is implied by the concrete type.</summary>
public abstract record BgpMessage
{
    public abstract BgpMessageType Type { get; }
}
