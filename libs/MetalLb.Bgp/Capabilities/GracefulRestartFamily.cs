using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Capabilities;

/// <summary>One AFI/SAFI of a Graceful Restart capability and its flags (RFC 4724 §3; 0x80 = forwarding state preserved).</summary>
public sealed record GracefulRestartFamily(Afi Afi, Safi Safi, byte Flags)
{
    public bool ForwardingPreserved => (Flags & 0x80) != 0;
}
