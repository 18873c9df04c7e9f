using System.Text;

namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// Renders FRR's bgpd.conf and bfdd.conf for a <see cref="BgpRouterOptions"/>. Families are activated per neighbour
/// (no implicit IPv4), eBGP needs no policy, originated routes are <c>network</c> statements with a route-map each
/// setting their attributes, and BFD timers are a bfdd profile per neighbour.
/// </summary>
internal static class FrrConfig
{
    public static string RenderBgpd(BgpRouterOptions options)
    {
        var conf = new StringBuilder();
        conf.Append($"""
            frr defaults traditional
            hostname {options.RouterId}
            log stdout informational
            router bgp {options.Asn}
             bgp router-id {options.RouterId}
             no bgp ebgp-requires-policy
             no bgp default ipv4-unicast
             no bgp network import-check

            """);
        for (var i = 0; i < options.Neighbors.Count; i++)
        {
            var n = options.Neighbors[i];
            conf.Append($" neighbor {n.Address} remote-as {n.PeerAsn}\n");
            conf.Append($" neighbor {n.Address} timers {Math.Max(1, n.HoldTime / 3)} {n.HoldTime}\n");
            conf.Append($" neighbor {n.Address} timers connect 1\n");
            if (n.Passive)
            {
                conf.Append($" neighbor {n.Address} passive\n");
            }

            if (n.Password is not null)
            {
                conf.Append($" neighbor {n.Address} password {n.Password}\n");
            }

            if (n.Multihop is { } ttl)
            {
                conf.Append($" neighbor {n.Address} ebgp-multihop {ttl}\n");
            }

            if (n.Bfd is not null)
            {
                conf.Append($" neighbor {n.Address} bfd profile {Profile(i)}\n");
            }
        }

        foreach (var family in new[] { BgpFamily.Ipv4, BgpFamily.Ipv6 })
        {
            conf.Append($" address-family {(family == BgpFamily.Ipv4 ? "ipv4" : "ipv6")} unicast\n");
            for (var r = 0; r < options.Routes.Count; r++)
            {
                if (options.Routes[r].Family == family)
                {
                    conf.Append($"  network {options.Routes[r].Prefix} route-map {RouteMap(r)}\n");
                }
            }

            foreach (var n in options.Neighbors.Where(n => n.Families.Contains(family)))
            {
                conf.Append($"  neighbor {n.Address} activate\n");
            }

            conf.Append(" exit-address-family\n");
        }

        for (var r = 0; r < options.Routes.Count; r++)
        {
            AppendRouteMap(conf, RouteMap(r), options.Routes[r]);
        }

        return conf.ToString();
    }

    public static string RenderBfdd(BgpRouterOptions options)
    {
        var conf = new StringBuilder("log stdout informational\nbfd\n");
        for (var i = 0; i < options.Neighbors.Count; i++)
        {
            if (options.Neighbors[i].Bfd is { } bfd)
            {
                conf.Append($"""
                     profile {Profile(i)}
                      receive-interval {bfd.ReceiveIntervalMs}
                      transmit-interval {bfd.TransmitIntervalMs}
                      detect-multiplier {bfd.DetectMultiplier}
                     exit

                    """);
            }
        }

        return conf.Append("exit\n").ToString();
    }

    private static void AppendRouteMap(StringBuilder conf, string name, OriginatedRoute route)
    {
        conf.Append($"route-map {name} permit 10\n");
        if (route.Communities.Count > 0)
        {
            conf.Append($" set community {string.Join(' ', route.Communities)}\n");
        }

        if (route.LargeCommunities.Count > 0)
        {
            conf.Append($" set large-community {string.Join(' ', route.LargeCommunities)}\n");
        }

        if (route.LocalPref is { } localPref)
        {
            conf.Append($" set local-preference {localPref}\n");
        }

        if (route.Med is { } med)
        {
            conf.Append($" set metric {med}\n");
        }

        conf.Append("exit\n");
    }

    private static string Profile(int neighborIndex) => $"n{neighborIndex}";

    private static string RouteMap(int routeIndex) => $"r{routeIndex}";
}
