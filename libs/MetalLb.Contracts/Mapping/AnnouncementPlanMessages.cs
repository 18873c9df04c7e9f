using Planned = MetalLb.Domain.Announcement;

namespace MetalLb.Contracts.Mapping;

/// <summary>Turns a domain announcement plan into its bus message.</summary>
public static class AnnouncementPlanMessages
{
    public static AnnouncementPlan From(Planned.AnnouncementPlan plan, long generation) =>
        new(
            plan.ServiceKey,
            generation,
            plan.Ips.Select(ip => ip.ToString()).ToArray(),
            plan.Pool,
            plan.L2?.Candidates.Select(c => new L2Candidate(c.Node, c.Score, c.Interfaces.ToArray())).ToArray() ?? [],
            plan.Bgp.Select(n => new BgpNodeRoutes(n.Node, n.Routes.Select(ToMessage).ToArray())).ToArray(),
            plan.Reasons.ToArray());

    private static BgpRoute ToMessage(Planned.BgpRoute route) =>
        new(
            route.Prefix.ToString(),
            route.LocalPref,
            route.Communities.Select(c => c.ToString()).ToArray(),
            route.Peers.ToArray());
}
