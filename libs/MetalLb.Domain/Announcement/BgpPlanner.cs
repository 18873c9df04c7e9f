using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Announcement;

/// <summary>METALLB-SPEC §6.1: the routes each node announces for one service.</summary>
internal static class BgpPlanner
{
    public static IReadOnlyList<BgpNodeRoutes> Plan(PlanningContext ctx)
    {
        var ads = ctx.Config.BgpAds
            .Where(a => a.Pools.Contains(ctx.Pool) && Selector.AnyMatches(a.ServiceSelectors, ctx.ServiceLabels))
            .ToArray();
        if (ads.Length == 0)
        {
            return [];
        }

        ctx.AnyAdvertisementMatched = true;
        if (LocalPrefConflicts.Exist(ads, ctx.Ips, ctx.Nodes))
        {
            ctx.Report(AnnouncementReasons.ConflictingAdvertisements);
            return [];
        }

        var result = new List<BgpNodeRoutes>();
        var lackEndpoints = false;
        var wouldAnnounce = false;
        foreach (var node in ctx.Nodes)
        {
            var labels = node.Metadata.Labels;
            var nodeAds = ads.Where(a => Selector.AnyMatches(a.NodeSelectors, labels)).ToArray();
            if (nodeAds.Length == 0 || !ctx.IsUsable(node))
            {
                continue;
            }

            if (!HasEndpoints(ctx, node.Metadata.Name))
            {
                lackEndpoints = true;
                continue;
            }

            wouldAnnounce = true;
            var routes = Routes(ctx, nodeAds, PeersOn(ctx.Config.Peers, labels));
            if (routes.Count > 0)
            {
                result.Add(new BgpNodeRoutes(node.Metadata.Name, routes));
            }
        }

        if (result.Count == 0 && !lackEndpoints)
        {
            ctx.Report(wouldAnnounce ? AnnouncementReasons.NoPeers : AnnouncementReasons.NoEligibleNodes);
        }

        return result;
    }

    /// <summary>The IP masked to the advertisement's aggregation length for its family.</summary>
    /// <remarks>The validator keeps lengths within 1–32 and 0–128 (B1, B3); clamping keeps the planner total.</remarks>
    public static IpPrefix Aggregate(IpAddress ip, BgpAd ad)
    {
        var length = ip.IsV4 ? ad.AggregationLength : ad.AggregationLengthV6;
        return IpPrefix.Create(ip, Math.Clamp(length, 0, ip.BitLength));
    }

    /// <summary>Local: a serving endpoint with an address on this node. Cluster: one anywhere.</summary>
    private static bool HasEndpoints(PlanningContext ctx, string node)
    {
        if (ctx.IsLocal)
        {
            if (!ctx.Endpoints.ServesWithAddressOn(node))
            {
                ctx.Report(AnnouncementReasons.NoLocalEndpoints);
                return false;
            }

            return true;
        }

        if (!ctx.Endpoints.AnyServingWithAddress)
        {
            ctx.Report(AnnouncementReasons.NoEndpoints);
            return false;
        }

        return true;
    }

    /// <summary>Sessions exist only on nodes matching the peer's nodeSelectors (none: every node).</summary>
    private static HashSet<string> PeersOn(IReadOnlyList<Peer> peers, IReadOnlyDictionary<string, string> labels) =>
        peers.Where(p => Selector.AnyMatches(p.NodeSelectors, labels)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>One route per IP and ad; identical routes (prefix, LOCAL_PREF, communities) merge their peers.</summary>
    private static List<BgpRoute> Routes(PlanningContext ctx, IReadOnlyList<BgpAd> ads, HashSet<string> nodePeers)
    {
        var merged = new Dictionary<(IpPrefix, uint, string), (BgpCommunity[] Communities, SortedSet<string> Peers)>();
        foreach (var ip in ctx.Ips)
        {
            foreach (var ad in ads)
            {
                var peers = ad.Peers.Count == 0 ? nodePeers : nodePeers.Intersect(ad.Peers, StringComparer.Ordinal);
                var prefix = Aggregate(ip, ad);
                var communities = ad.Communities.Distinct().Order().ToArray();
                var key = (prefix, ad.LocalPref, string.Join(',', communities));
                if (!merged.TryGetValue(key, out var route))
                {
                    route = (communities, new SortedSet<string>(StringComparer.Ordinal));
                    merged.Add(key, route);
                }

                route.Peers.UnionWith(peers);
            }
        }

        return merged
            .Where(kv => kv.Value.Peers.Count > 0)
            .Select(kv => new BgpRoute(kv.Key.Item1, kv.Key.Item2, kv.Value.Communities, kv.Value.Peers.ToArray()))
            .Order(RouteOrder.Instance)
            .ToList();
    }
}
