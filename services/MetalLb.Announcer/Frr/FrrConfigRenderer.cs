using System.Text;

namespace MetalLb.Announcer.Frr;

/// <summary>
/// Renders the whole FRR configuration of one node, MetalLB's FRR mode layout (its <c>internal/bgp/frr/templates</c>):
/// per-neighbour prefix-lists and route-maps that set communities, large communities and LOCAL_PREF per prefix and
/// deny everything inbound, then one <c>router bgp</c> per VRF with its neighbours and <c>network</c> lines per
/// address family, then the BFD profiles. Pure and deterministic: the same state gives the same text byte for byte,
/// which is what lets the backend skip reloading an unchanged configuration.
/// </summary>
public static partial class FrrConfigRenderer
{
    /// <summary>Renders <paramref name="state"/>; peers and routes that cannot be expressed are left out and listed.</summary>
    public static FrrRenderResult Render(FrrDesiredState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var skipped = new List<FrrSkippedPeer>();
        var problems = new List<string>();
        var routers = BuildRouters(state.Peers, skipped, problems);
        AssignRoutes(routers, state.Routes, problems);

        var text = new StringBuilder();
        WriteGlobals(text, state, problems);
        foreach (var neighbor in routers.SelectMany(r => r.Neighbors))
        {
            WriteFilters(text, neighbor);
        }

        foreach (var router in routers)
        {
            WriteRouter(text, router);
        }

        WriteBfd(text, state.BfdProfiles, problems);
        return new FrrRenderResult(text.ToString(), skipped, problems);
    }

    private static void WriteGlobals(StringBuilder text, FrrDesiredState state, List<string> problems)
    {
        Line(text, $"frr version {state.FrrVersion}");
        Line(text, "frr defaults traditional");
        if (FrrTokens.IsWord(state.Hostname))
        {
            Line(text, $"hostname {state.Hostname}");
        }
        else
        {
            problems.Add($"hostname \"{state.Hostname}\" is not one word; FRR keeps its own");
        }

        Line(text, $"log stdout {state.LogLevel}");
        Line(text, "log timestamp precision 3");

        // Lets next-hop tracking resolve multi-hop peers through a default route, as MetalLB's template does.
        Line(text, "ip nht resolve-via-default");
        Line(text, "ipv6 nht resolve-via-default");
        Line(text, "!");
    }

    private static void WriteRouter(StringBuilder text, FrrRouter router)
    {
        Line(text, router.Vrf.Length == 0 ? $"router bgp {router.Asn}" : $"router bgp {router.Asn} vrf {router.Vrf}");
        if (router.RouterId is not null)
        {
            Line(text, $" bgp router-id {router.RouterId}");
        }

        Line(text, " no bgp ebgp-requires-policy");
        Line(text, " no bgp default ipv4-unicast");
        Line(text, " no bgp network import-check");
        Line(text, " bgp graceful-restart preserve-fw-state");
        foreach (var neighbor in router.Neighbors)
        {
            WriteNeighbor(text, neighbor);
        }

        WriteAddressFamily(text, router, v6: false);
        WriteAddressFamily(text, router, v6: true);
        Line(text, "exit");
        Line(text, "!");
    }

    private static void WriteAddressFamily(StringBuilder text, FrrRouter router, bool v6)
    {
        var active = router.Neighbors.Where(n => n.Activates(v6)).ToList();
        var networks = new SortedSet<System.Net.IPNetwork>(
            router.Neighbors.SelectMany(n => n.Routes.Values).Where(r => r.IsV6 == v6).Select(r => r.Prefix), FrrPrefixOrder.Instance);
        if (active.Count == 0 && networks.Count == 0)
        {
            return;
        }

        Line(text, " !");
        Line(text, v6 ? " address-family ipv6 unicast" : " address-family ipv4 unicast");
        foreach (var network in networks)
        {
            Line(text, $"  network {network}");
        }

        foreach (var neighbor in active)
        {
            Line(text, $"  neighbor {neighbor.Key} activate");
            Line(text, $"  neighbor {neighbor.Key} route-map {neighbor.Id}-in in");
            Line(text, $"  neighbor {neighbor.Key} route-map {neighbor.Id}-out out");
        }

        Line(text, " exit-address-family");
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
