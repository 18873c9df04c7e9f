namespace MetalLb.Bgp.Messages;

/// <summary>A ROUTE-REFRESH for one AFI/SAFI (RFC 2918); <see cref="Subtype"/> is RFC 7313's BoRR/EoRR marker.</summary>
public sealed record RouteRefreshMessage(Afi Afi, Safi Safi, byte Subtype = 0) : BgpMessage
{
    public override BgpMessageType Type => BgpMessageType.RouteRefresh;
}
