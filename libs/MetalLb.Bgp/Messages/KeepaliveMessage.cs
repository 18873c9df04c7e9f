namespace MetalLb.Bgp.Messages;

/// <summary>A KEEPALIVE: the header alone (RFC 4271 §4.4).</summary>
public sealed record KeepaliveMessage : BgpMessage
{
    public static KeepaliveMessage Instance { get; } = new();

    public override BgpMessageType Type => BgpMessageType.Keepalive;
}
