using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Announcement;

/// <summary>Rule B7 evaluated per service: would two matching BGP ads send one prefix with two LOCAL_PREFs?</summary>
/// <remarks>
/// The webhook checks B7 only for ads without serviceSelectors; with serviceSelectors the check is deferred to
/// the speaker, per service, and a conflicting service is not announced over BGP at all. Two ads conflict when
/// their localPref differs, they produce the same prefix for one of the service's IPs (same aggregation length
/// for that family), their peer lists overlap (an empty list means every peer), and some node is selected by
/// both. Node overlap is judged on labels only, so a node going NetworkUnavailable does not flip the verdict.
/// </remarks>
internal static class LocalPrefConflicts
{
    public static bool Exist(IReadOnlyList<BgpAd> ads, IReadOnlyList<IpAddress> ips, IReadOnlyList<NodeInfo> nodes)
    {
        for (var i = 0; i < ads.Count; i++)
        {
            for (var j = i + 1; j < ads.Count; j++)
            {
                if (Conflict(ads[i], ads[j], ips, nodes))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Conflict(BgpAd a, BgpAd b, IReadOnlyList<IpAddress> ips, IReadOnlyList<NodeInfo> nodes) =>
        a.LocalPref != b.LocalPref
        && PeersOverlap(a.Peers, b.Peers)
        && ips.Any(ip => BgpPlanner.Aggregate(ip, a) == BgpPlanner.Aggregate(ip, b))
        && nodes.Any(n =>
            Selector.AnyMatches(a.NodeSelectors, n.Metadata.Labels) && Selector.AnyMatches(b.NodeSelectors, n.Metadata.Labels));

    private static bool PeersOverlap(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == 0 || b.Count == 0 || a.Intersect(b, StringComparer.Ordinal).Any();
}
