using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// Parses <c>gobgp global rib -a FAMILY -j</c>: prefix → paths, each with numbered path attributes (type 2 AS_PATH,
/// 3 NEXT_HOP, 4 MED, 5 LOCAL_PREF, 8 COMMUNITIES as 32-bit numbers, 14 MP_REACH_NLRI's next hop, 32 LARGE_COMMUNITY).
/// Paths without a neighbour are the router's own and left out.
/// </summary>
internal static class GoBgpRibParser
{
    public static IReadOnlyList<BgpRoute> Parse(string json)
    {
        var routes = new List<BgpRoute>();
        if (JsonNode.Parse(json) is not JsonObject rib)
        {
            return routes;
        }

        foreach (var (prefix, paths) in rib)
        {
            foreach (var path in paths!.AsArray())
            {
                if (!IPAddress.TryParse(path!["neighbor-ip"]?.GetValue<string>(), out var peer) || IsUnspecified(peer))
                {
                    continue;
                }

                routes.Add(ParsePath(IPNetwork.Parse(prefix), peer, path["attrs"]!.AsArray()));
            }
        }

        return routes;
    }

    private static BgpRoute ParsePath(IPNetwork prefix, IPAddress peer, JsonArray attrs)
    {
        IPAddress? nextHop = null;
        uint? localPref = null, med = null;
        List<string> communities = [], large = [];
        List<uint> asPath = [];
        foreach (var attr in attrs)
        {
            switch (attr!["type"]!.GetValue<int>())
            {
                case 2:
                    foreach (var segment in attr["as_paths"]?.AsArray() ?? [])
                    {
                        asPath.AddRange(segment!["asns"]!.AsArray().Select(a => a!.GetValue<uint>()));
                    }

                    break;
                case 3 or 14:
                    nextHop = IPAddress.Parse(attr["nexthop"]!.GetValue<string>());
                    break;
                case 4:
                    med = attr["metric"]?.GetValue<uint>() ?? 0;
                    break;
                case 5:
                    localPref = attr["value"]?.GetValue<uint>() ?? 0;
                    break;
                case 8:
                    communities.AddRange(attr["communities"]!.AsArray()
                        .Select(c => c!.GetValue<uint>())
                        .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c >> 16}:{c & 0xffff}")));
                    break;
                case 32:
                    large.AddRange(attr["value"]!.AsArray().Select(l => string.Create(
                        CultureInfo.InvariantCulture,
                        $"{l!["ASN"]?.GetValue<uint>() ?? 0}:{l["LocalData1"]?.GetValue<uint>() ?? 0}:{l["LocalData2"]?.GetValue<uint>() ?? 0}")));
                    break;
                default:
                    break;
            }
        }

        return new BgpRoute(prefix, nextHop, peer, localPref, med, communities, large, asPath);
    }

    private static bool IsUnspecified(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
