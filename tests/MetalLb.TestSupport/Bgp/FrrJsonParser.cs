using System.Net;
using System.Text.Json.Nodes;

namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// Parses FRR 8.4's JSON: <c>show bgp FAMILY unicast json detail</c> (the plain <c>json</c> form omits communities),
/// <c>show bgp neighbors ADDRESS json</c> and <c>show bfd peers json</c>. In the detail form each prefix holds an array
/// whose first element describes the prefix and the others are its paths.
/// </summary>
internal static class FrrJsonParser
{
    public static IReadOnlyList<BgpRoute> ParseRoutes(string json)
    {
        var routes = new List<BgpRoute>();
        if (JsonNode.Parse(json)?["routes"] is not JsonObject rib)
        {
            return routes;
        }

        foreach (var (prefix, entries) in rib)
        {
            foreach (var path in entries!.AsArray().Where(e => e!["nexthops"] is not null))
            {
                if (!IPAddress.TryParse(path!["peer"]?["peerId"]?.GetValue<string>(), out var peer)
                    || peer.Equals(IPAddress.Any) || peer.Equals(IPAddress.IPv6Any))
                {
                    continue;
                }

                var nextHop = path["nexthops"]!.AsArray()
                    .FirstOrDefault(h => h!["scope"]?.GetValue<string>() is null or "global")?["ip"]?.GetValue<string>();
                routes.Add(new BgpRoute(
                    IPNetwork.Parse(prefix),
                    nextHop is null ? null : IPAddress.Parse(nextHop),
                    peer,
                    path["locPrf"]?.GetValue<uint>(),
                    path["metric"]?.GetValue<uint>(),
                    Strings(path["community"]?["list"]),
                    Strings(path["largeCommunity"]?["list"]),
                    (path["aspath"]?["segments"]?.AsArray() ?? [])
                        .SelectMany(s => s!["list"]!.AsArray().Select(a => a!.GetValue<uint>()))
                        .ToList()));
            }
        }

        return routes;
    }

    public static BgpSessionState ParseState(string json, string neighbor)
    {
        var state = JsonNode.Parse(json)?.AsObject()
            .FirstOrDefault(p => IPAddress.TryParse(p.Key, out var a) && a.Equals(IPAddress.Parse(neighbor))).Value?["bgpState"]
            ?.GetValue<string>();
        return Enum.TryParse<BgpSessionState>(state, ignoreCase: true, out var parsed) ? parsed : BgpSessionState.Idle;
    }

    public static IReadOnlyList<BfdSession> ParseBfdPeers(string json) =>
        (JsonNode.Parse(json)?.AsArray() ?? [])
            .Select(p => new BfdSession(
                p!["peer"]!.GetValue<string>(),
                p["status"]?.GetValue<string>() switch
                {
                    "up" => BfdState.Up,
                    "init" => BfdState.Init,
                    "shutdown" => BfdState.AdminDown,
                    _ => BfdState.Down,
                }))
            .ToList();

    private static List<string> Strings(JsonNode? list) =>
        (list?.AsArray() ?? []).Select(c => c!.GetValue<string>()).ToList();
}
