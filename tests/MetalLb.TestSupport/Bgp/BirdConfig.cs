using System.Text;

namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// Renders a BIRD 2 configuration for a <see cref="BgpRouterOptions"/>: one <c>protocol bgp nI</c> per neighbour (I
/// its index), originated routes as static blackholes carrying their BGP attributes, and nothing sent to the kernel.
/// After an error a session is retried within a second (BIRD waits a minute by default). Single-hop sessions are
/// <c>direct</c> so iBGP next hops resolve on the link (else BIRD marks them unreachable).
/// </summary>
internal static class BirdConfig
{
    /// <summary>
    /// Exports the static routes only. BIRD sends MED to an eBGP peer only when the export filter sets it, so the filter
    /// sets it again to the value the static route carries.
    /// </summary>
    private const string ExportFilter =
        "if source != RTS_STATIC then reject; if defined(bgp_med) then bgp_med = bgp_med; accept;";

    public static string ProtocolName(int neighborIndex) => $"n{neighborIndex}";

    public static string Render(BgpRouterOptions options)
    {
        var conf = new StringBuilder();
        conf.Append($"router id {options.RouterId};\nlog stderr all;\nprotocol device {{}}\n");
        foreach (var family in new[] { BgpFamily.Ipv4, BgpFamily.Ipv6 })
        {
            var routes = options.Routes.Where(r => r.Family == family).ToList();
            if (routes.Count > 0)
            {
                conf.Append($"protocol static s{Channel(family)} {{\n  {Channel(family)};\n");
                foreach (var route in routes)
                {
                    conf.Append($"  route {route.Prefix} blackhole {{ {Attributes(route)}}};\n");
                }

                conf.Append("}\n");
            }
        }

        if (options.Neighbors.Any(n => n.Bfd is not null))
        {
            conf.Append("protocol bfd {}\n");
        }

        for (var i = 0; i < options.Neighbors.Count; i++)
        {
            AppendNeighbor(conf, options, i);
        }

        return conf.ToString();
    }

    private static void AppendNeighbor(StringBuilder conf, BgpRouterOptions options, int index)
    {
        var neighbor = options.Neighbors[index];
        conf.Append($"protocol bgp {ProtocolName(index)} {{\n");
        conf.Append($"  local as {options.Asn};\n  neighbor {neighbor.Address} as {neighbor.PeerAsn};\n");
        conf.Append(neighbor.Multihop is { } ttl ? $"  multihop {ttl};\n" : "  direct;\n");
        conf.Append($"  hold time {neighbor.HoldTime};\n  keepalive time {Math.Max(1, neighbor.HoldTime / 3)};\n");
        conf.Append("  connect delay time 1;\n  connect retry time 1;\n  error wait time 1, 2;\n");
        if (neighbor.Passive)
        {
            conf.Append("  passive on;\n");
        }

        if (neighbor.Password is not null)
        {
            conf.Append($"  password \"{neighbor.Password}\";\n");
        }

        if (neighbor.Bfd is { } bfd)
        {
            conf.Append($"  bfd {{ min rx interval {bfd.ReceiveIntervalMs} ms; min tx interval {bfd.TransmitIntervalMs} ms; "
                + $"multiplier {bfd.DetectMultiplier}; }};\n");
        }

        foreach (var family in neighbor.Families)
        {
            conf.Append($"  {Channel(family)} {{ import all; export filter {{ {ExportFilter} }}; next hop self; }};\n");
        }

        conf.Append("}\n");
    }

    private static string Attributes(OriginatedRoute route)
    {
        var attributes = new StringBuilder();
        foreach (var community in route.Communities)
        {
            attributes.Append($"bgp_community.add(({community.Replace(':', ',')})); ");
        }

        foreach (var community in route.LargeCommunities)
        {
            attributes.Append($"bgp_large_community.add(({community.Replace(':', ',')})); ");
        }

        if (route.LocalPref is { } localPref)
        {
            attributes.Append($"bgp_local_pref = {localPref}; ");
        }

        if (route.Med is { } med)
        {
            attributes.Append($"bgp_med = {med}; ");
        }

        return attributes.ToString();
    }

    private static string Channel(BgpFamily family) => family == BgpFamily.Ipv4 ? "ipv4" : "ipv6";
}
