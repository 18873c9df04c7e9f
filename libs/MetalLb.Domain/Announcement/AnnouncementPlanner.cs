using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Announcement;

/// <summary>Decides, for one service that holds IPs from a pool, which nodes announce them over L2 and BGP.</summary>
/// <remarks>
/// Pure: the same service, config, nodes and endpoints always give an equal plan. Liveness (memberlist) is not an
/// input; the L2 announcer applies it with <see cref="L2Election.Winner"/>.
/// </remarks>
public static class AnnouncementPlanner
{
    public static AnnouncementPlan Plan(
        ServiceInfo service,
        IReadOnlyList<IpAddress> ips,
        string pool,
        MetalLbConfig config,
        IReadOnlyList<NodeInfo> nodes,
        IReadOnlyList<EndpointSliceInfo> slices,
        PlannerOptions options)
    {
        if (ips.Count == 0)
        {
            return new AnnouncementPlan(service.Key, ips, pool, null, [], [AnnouncementReasons.NoIpAllocated]);
        }

        var ctx = new PlanningContext(service, ips, pool, config, nodes, slices, options);
        var l2 = L2Planner.Plan(ctx);
        var bgp = BgpPlanner.Plan(ctx);
        if (!ctx.AnyAdvertisementMatched)
        {
            ctx.Report(AnnouncementReasons.NoMatchingAdvertisement);
        }

        return new AnnouncementPlan(service.Key, ips.ToArray(), pool, l2, bgp, ctx.Reasons.ToArray());
    }
}
