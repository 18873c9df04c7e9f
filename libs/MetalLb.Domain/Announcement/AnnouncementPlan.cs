using MetalLb.Domain.Net;

namespace MetalLb.Domain.Announcement;

/// <summary>Who announces one service's IPs, over L2 and over BGP, and why anything is left unannounced.</summary>
/// <remarks>Equality compares the lists element by element, so two plans for the same input are equal.</remarks>
public sealed record AnnouncementPlan(
    string ServiceKey,
    IReadOnlyList<IpAddress> Ips,
    string Pool,
    L2Plan? L2,
    IReadOnlyList<BgpNodeRoutes> Bgp,
    IReadOnlyList<string> Reasons)
{
    /// <summary>True when some node may announce the service in either mode.</summary>
    public bool IsAnnounced => L2 is not null || Bgp.Count > 0;

    public bool Equals(AnnouncementPlan? other) =>
        other is not null
        && ServiceKey == other.ServiceKey
        && Pool == other.Pool
        && Equals(L2, other.L2)
        && Ips.SequenceEqual(other.Ips)
        && Bgp.SequenceEqual(other.Bgp)
        && Reasons.SequenceEqual(other.Reasons);

    public override int GetHashCode() => HashCode.Combine(ServiceKey, Pool, L2, Ips.Count, Bgp.Count, Reasons.Count);
}
