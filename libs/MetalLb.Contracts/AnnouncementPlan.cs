namespace MetalLb.Contracts;

/// <summary>The whole desired announcement state of one Service at one generation (allocator → announcers).</summary>
/// <param name="ServiceKey">The Service as <c>namespace/name</c>.</param>
/// <param name="Generation">Monotonic per Service: a plan replaces any state of a lower generation.</param>
/// <param name="Ips">The Service's IPs as text.</param>
/// <param name="Pool">The IPAddressPool the IPs come from.</param>
/// <param name="L2Candidates">The L2 election order; empty when no node announces by L2.</param>
/// <param name="Bgp">The BGP routes per node; empty when no node announces by BGP.</param>
/// <param name="Reasons">Why something is left unannounced.</param>
/// <param name="Deleted">True when the Service is gone; announcers treat it as a withdrawal.</param>
public sealed record AnnouncementPlan(
    string ServiceKey,
    long Generation,
    IReadOnlyList<string> Ips,
    string Pool,
    IReadOnlyList<L2Candidate> L2Candidates,
    IReadOnlyList<BgpNodeRoutes> Bgp,
    IReadOnlyList<string> Reasons,
    bool Deleted = false);
