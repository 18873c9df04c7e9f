namespace MetalLb.Announcer.Frr;

/// <summary>
/// The standard communities FRR 8.4 prints by name (RFC 1997, RFC 7611, RFC 7999, RFC 8326, RFC 8642, …). A route-map
/// that sets <c>65535:65281</c> shows <c>no-export</c> in FRR's running configuration, so it is written that way.
/// </summary>
internal static class FrrWellKnownCommunities
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["0:0"] = "internet",
        ["65535:0"] = "graceful-shutdown",
        ["65535:1"] = "accept-own",
        ["65535:2"] = "route-filter-translated-v4",
        ["65535:3"] = "route-filter-v4",
        ["65535:4"] = "route-filter-translated-v6",
        ["65535:5"] = "route-filter-v6",
        ["65535:6"] = "llgr-stale",
        ["65535:7"] = "no-llgr",
        ["65535:8"] = "accept-own-nexthop",
        ["65535:666"] = "blackhole",
        ["65535:65281"] = "no-export",
        ["65535:65282"] = "no-advertise",
        ["65535:65283"] = "local-AS",
        ["65535:65284"] = "no-peer",
    };

    /// <summary>FRR's name for <paramref name="community"/> (<c>A:B</c>), or the community itself.</summary>
    public static string Display(string community) => Names.GetValueOrDefault(community, community);
}
