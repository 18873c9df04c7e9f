using System.Text;

namespace MetalLb.Announcer.Frr;

public static partial class FrrConfigRenderer
{
    /// <summary>
    /// The neighbour's filters. FRR's <c>network</c> lines are per BGP instance, but MetalLB's routes are per peer, so
    /// each neighbour's outbound route-map permits only its own prefixes (<c>ID-pl-ipv4</c>/<c>-ipv6</c>) and, before
    /// that, sets LOCAL_PREF, communities and large communities on the prefixes that carry them (<c>on-match next</c>
    /// goes on to the next entry). Inbound everything is denied: MetalLB imports no routes. A list without entries does
    /// not exist, and FRR's route-maps do not match a missing prefix-list, so a neighbour without routes gets nothing.
    /// </summary>
    private static void WriteFilters(StringBuilder text, FrrNeighbor neighbor)
    {
        var id = neighbor.Id;
        var sequence = 0;
        var entries = new List<(string Match, string Set)>();
        foreach (var v6 in (bool[])[false, true])
        {
            if (!neighbor.Activates(v6))
            {
                continue;
            }

            var family = v6 ? "ipv6" : "ip";
            var tag = v6 ? "ipv6" : "ipv4";
            var routes = neighbor.Routes.Values.Where(r => r.IsV6 == v6).ToList();
            PrefixList(text, family, $"{id}-pl-{tag}", routes);
            foreach (var group in routes.Where(r => r.LocalPref != 0).GroupBy(r => r.LocalPref).OrderBy(g => g.Key))
            {
                var list = $"{id}-{tag}-localpref-{group.Key}";
                PrefixList(text, family, list, group);
                entries.Add(($"match {family} address prefix-list {list}", $"set local-preference {group.Key}"));
            }

            foreach (var community in routes.SelectMany(r => r.Communities).Distinct().Order(CommunityOrder.Instance))
            {
                var list = $"{id}-{tag}-community-{community}";
                PrefixList(text, family, list, routes.Where(r => r.Communities.Contains(community)));
                entries.Add(($"match {family} address prefix-list {list}", $"set community {FrrWellKnownCommunities.Display(community)} additive"));
            }

            foreach (var community in routes.SelectMany(r => r.LargeCommunities).Distinct().Order(CommunityOrder.Instance))
            {
                var list = $"{id}-{tag}-large-community-{community}";
                PrefixList(text, family, list, routes.Where(r => r.LargeCommunities.Contains(community)));
                entries.Add(($"match {family} address prefix-list {list}", $"set large-community {community} additive"));
            }
        }

        Line(text, "!");
        Line(text, $"route-map {id}-in deny 20");
        Line(text, "exit");
        Line(text, "!");
        foreach (var (match, set) in entries)
        {
            Line(text, $"route-map {id}-out permit {++sequence}");
            Line(text, $" {match}");
            Line(text, $" {set}");
            Line(text, " on-match next");
            Line(text, "exit");
            Line(text, "!");
        }

        foreach (var v6 in (bool[])[false, true])
        {
            if (neighbor.Activates(v6))
            {
                Line(text, $"route-map {id}-out permit {++sequence}");
                Line(text, v6 ? $" match ipv6 address prefix-list {id}-pl-ipv6" : $" match ip address prefix-list {id}-pl-ipv4");
                Line(text, "exit");
                Line(text, "!");
            }
        }
    }

    /// <summary>
    /// Entries without sequence numbers: FRR numbers them itself and frr-reload compares them without the number, so
    /// adding or removing one prefix is one line of delta. Numbered entries would renumber the rest of the list on
    /// every change, and FRR takes tens of milliseconds per prefix-list line: a one-prefix change to a 1,000-route
    /// configuration took 149 s with numbered entries and 5 s without (2 busy cores).
    /// </summary>
    private static void PrefixList(StringBuilder text, string family, string name, IEnumerable<FrrRoute> routes)
    {
        foreach (var route in routes)
        {
            Line(text, $"{family} prefix-list {name} permit {route.Prefix}");
        }
    }
}
