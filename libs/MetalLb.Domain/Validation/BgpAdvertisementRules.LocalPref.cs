using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Validation;

public static partial class BgpAdvertisementRules
{
    /// <summary>
    /// Rule B7: two advertisements of a common pool, both without serviceSelectors, would send the same route with
    /// two LOCAL_PREF values unless (a) their aggregation lengths differ for every family of the pool, (b) both name
    /// peers and share none, or (c) they select disjoint node sets. The later advertisement (by name) is reported.
    /// </summary>
    /// <remarks>
    /// With serviceSelectors MetalLB defers the check to the speaker, per service. Node sets are computed from the
    /// Node objects of the input; when it has none, two advertisements that both have nodeSelectors cannot be proven
    /// to overlap, so that case is a warning.
    /// </remarks>
    private static void CheckLocalPref(
        ValidationContext ctx, List<(BgpAdvertisement Source, BgpAd Ad)> ads, IReadOnlyList<Pool> pools)
    {
        var nodes = ctx.Source.Nodes;
        for (var j = 1; j < ads.Count; j++)
        {
            var (obj, ad) = ads[j];
            for (var i = 0; i < j; i++)
            {
                var other = ads[i].Ad;
                if (ad.ServiceSelectors.Count > 0 || other.ServiceSelectors.Count > 0 || ad.LocalPref == other.LocalPref ||
                    HaveDisjointPeers(ad, other))
                {
                    continue;
                }

                var overlap = NodesOverlap(ad, other, nodes);
                if (overlap == false)
                {
                    continue;
                }

                var pool = pools.FirstOrDefault(p =>
                    ad.Pools.Contains(p.Name) && other.Pools.Contains(p.Name) && !AggregationDiffers(ad, other, p));
                if (pool is null)
                {
                    continue;
                }

                if (overlap == true)
                {
                    ctx.Error(obj, "spec.localPref",
                        $"invalid local preference {ad.LocalPref}: local preference {other.LocalPref} was already set " +
                        "for the same type of BGP update. Check existing BGP advertisements with common pools and " +
                        $"aggregation lengths (BGPAdvertisement \"{other.Name}\", pool \"{pool.Name}\")");
                }
                else
                {
                    ctx.Warning(obj, "spec.localPref",
                        $"local preference {ad.LocalPref} may conflict with local preference {other.LocalPref} of " +
                        $"BGPAdvertisement \"{other.Name}\" on pool \"{pool.Name}\": both have nodeSelectors and the " +
                        "input has no Node to tell whether they select a common node");
                }
            }
        }
    }

    /// <summary>Exemption (a): the routes differ in every family the pool holds.</summary>
    private static bool AggregationDiffers(BgpAd a, BgpAd b, Pool pool) =>
        (!pool.HasFamily(IpFamily.V4) || a.AggregationLength != b.AggregationLength) &&
        (!pool.HasFamily(IpFamily.V6) || a.AggregationLengthV6 != b.AggregationLengthV6);

    /// <summary>Exemption (b): both restrict the peers and no peer is named by both.</summary>
    private static bool HaveDisjointPeers(BgpAd a, BgpAd b) =>
        a.Peers.Count > 0 && b.Peers.Count > 0 && !a.Peers.Intersect(b.Peers, StringComparer.Ordinal).Any();

    /// <summary>Exemption (c): true or false from the input's nodes; null when neither can be proven.</summary>
    private static bool? NodesOverlap(BgpAd a, BgpAd b, IReadOnlyList<NodeInfo> nodes)
    {
        if (nodes.Count > 0)
        {
            return nodes.Any(n =>
                Selector.AnyMatches(a.NodeSelectors, n.Metadata.Labels) &&
                Selector.AnyMatches(b.NodeSelectors, n.Metadata.Labels));
        }

        return SelectsAllNodes(a) || SelectsAllNodes(b) ? true : null;
    }

    private static bool SelectsAllNodes(BgpAd ad) =>
        ad.NodeSelectors.Count == 0 || ad.NodeSelectors.Any(s => s.MatchesEverything);
}
