using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Session;

/// <summary>What both OPENs agreed: the hold time (the smaller offer), 4-octet ASNs, families, refresh and restart.</summary>
public sealed record NegotiatedSession(
    uint PeerAsn,
    uint PeerRouterId,
    TimeSpan HoldTime,
    bool FourOctetAs,
    IReadOnlyList<(Afi Afi, Safi Safi)> Families,
    bool RouteRefresh,
    bool GracefulRestart)
{
    /// <summary>A third of the hold time (RFC 4271 §10), none when the hold time is 0.</summary>
    public TimeSpan? KeepaliveInterval => HoldTime == TimeSpan.Zero ? null : HoldTime / 3;

    public BgpCodecOptions CodecOptions => FourOctetAs ? BgpCodecOptions.Default : BgpCodecOptions.TwoOctetAs;
}
