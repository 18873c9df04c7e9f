using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Announcement;

/// <summary>METALLB-SPEC §5.1: the L2 candidate nodes of one service, in election order.</summary>
internal static class L2Planner
{
    /// <returns>The plan, or null when nobody may announce the service in L2 (the reason is reported).</returns>
    public static L2Plan? Plan(PlanningContext ctx)
    {
        var ads = ctx.Config.L2Ads
            .Where(a => a.Pools.Contains(ctx.Pool) && Selector.AnyMatches(a.ServiceSelectors, ctx.ServiceLabels))
            .ToArray();
        if (ads.Length == 0)
        {
            return null;
        }

        ctx.AnyAdvertisementMatched = true;
        if (!ctx.Endpoints.AnyServing)
        {
            ctx.Report(AnnouncementReasons.NoEndpoints);
            return null;
        }

        // A shared IP is elected by its first IP alone, so services sharing it must see the same candidates;
        // serviceSelectors could give them different ones, and MetalLB then refuses rather than split the IP.
        if (ctx.HasSharingKey && ads.Any(a => a.ServiceSelectors.Count > 0))
        {
            ctx.Report(AnnouncementReasons.SharedIpWithServiceSelector);
            return null;
        }

        var candidates = new List<L2Candidate>();
        var lackLocalEndpoint = false;
        foreach (var node in ctx.Nodes)
        {
            var selecting = ads.Where(a => Selector.AnyMatches(a.NodeSelectors, node.Metadata.Labels)).ToArray();
            if (selecting.Length == 0 || !ctx.IsUsable(node))
            {
                continue;
            }

            if (ctx.IsLocal && !ctx.Endpoints.ServesOn(node.Metadata.Name))
            {
                lackLocalEndpoint = true;
                continue;
            }

            candidates.Add(new L2Candidate(node.Metadata.Name, Score(selecting, node), Interfaces(selecting)));
        }

        if (candidates.Count == 0)
        {
            ctx.Report(lackLocalEndpoint ? AnnouncementReasons.NoLocalEndpoints : AnnouncementReasons.NoEligibleNodes);
            return null;
        }

        return new L2Plan(L2Election.Order(candidates, ctx.Ips[0]));
    }

    /// <summary>
    /// Preferences are scoped to their own advertisement: only ads that select the node contribute, each adding
    /// the weight of every preference the node matches (MetalLB's preferred-node design).
    /// </summary>
    private static long Score(IEnumerable<L2Ad> selecting, NodeInfo node) =>
        selecting.SelectMany(a => a.PreferredNodes)
            .Where(p => p.Preference.Matches(node.Metadata.Labels))
            .Sum(p => (long)p.Weight);

    /// <summary>Union across the ads that select the node; one ad without a list means every interface.</summary>
    private static string[] Interfaces(IReadOnlyList<L2Ad> selecting) =>
        selecting.Any(a => a.Interfaces.Count == 0)
            ? []
            : selecting.SelectMany(a => a.Interfaces).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
