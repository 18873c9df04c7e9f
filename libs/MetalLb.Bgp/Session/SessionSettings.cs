using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Session;

/// <summary>One peering as configured (a BGPPeer on this node).</summary>
/// <param name="LocalAsn">Our ASN (4-octet capable).</param>
/// <param name="PeerAsn">The ASN the peer must present.</param>
/// <param name="RouterId">Our BGP identifier (an IPv4 address as a number), not 0.</param>
/// <param name="HoldTime">The hold time we offer: 0 (no keepalives) or at least 3 s (METALLB-SPEC §6.3).</param>
/// <param name="Families">The address families we offer (RFC 4760).</param>
/// <param name="ConnectRetry">The first wait before dialling again after a failure; it doubles up to <paramref name="MaxConnectRetry"/>.</param>
/// <param name="MaxConnectRetry">The cap of the connect back-off.</param>
/// <param name="GracefulRestart">Offer graceful restart (RFC 4724) with this restart time; null for none.</param>
public sealed record SessionSettings(
    uint LocalAsn,
    uint PeerAsn,
    uint RouterId,
    TimeSpan HoldTime,
    IReadOnlyList<(Afi Afi, Safi Safi)> Families,
    TimeSpan ConnectRetry,
    TimeSpan MaxConnectRetry,
    TimeSpan? GracefulRestart = null)
{
    /// <summary>RFC 4271 §8.2.2: the hold timer while waiting for the peer's OPEN, "a large value" (4 minutes suggested).</summary>
    public static TimeSpan OpenHoldTime { get; } = TimeSpan.FromMinutes(4);
}
