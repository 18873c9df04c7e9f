using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Speaker;

/// <summary>One prefix to advertise to a peer, with its attributes; the next hop is the session's own address.</summary>
public sealed record BgpRoute(IpPrefix Prefix, RouteAttributes Attributes)
{
    public BgpRoute(IpPrefix prefix)
        : this(prefix, RouteAttributes.None)
    {
    }
}
