using MetalLb.Bgp.Codec;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Speaker;

/// <summary>What shapes the UPDATEs of one established session: who we are to the peer and our next hop per family.</summary>
/// <param name="LocalAsn">Our ASN (the AS_PATH of eBGP routes).</param>
/// <param name="Internal">An iBGP session: empty AS_PATH and LOCAL_PREF.</param>
/// <param name="NextHopV4">The IPv4 next hop, or null when IPv4 routes cannot be sent on this session.</param>
/// <param name="NextHopV6">The IPv6 next hop, or null when IPv6 routes cannot be sent on this session.</param>
/// <param name="Codec">The negotiated encoding (2- or 4-octet AS_PATH).</param>
internal sealed record OutboundSession(uint LocalAsn, bool Internal, IpAddress? NextHopV4, IpAddress? NextHopV6, BgpCodecOptions Codec)
{
    public IpAddress? NextHop(IpFamily family) => family == IpFamily.V4 ? NextHopV4 : NextHopV6;
}
