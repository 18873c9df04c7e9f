using System.Net;
using MetalLb.Hosting.Announcing;

namespace MetalLb.Announcer.Frr;

public static partial class FrrConfigRenderer
{
    private const string LargePrefix = "large:";

    /// <summary>
    /// Gives every neighbour its routes. A route for a peer that is not rendered stays out (the backend keeps it until
    /// the peer comes); two routes for one prefix and peer are merged, as MetalLB merges identical routes: their
    /// communities united, the higher LOCAL_PREF.
    /// </summary>
    private static void AssignRoutes(List<FrrRouter> routers, IReadOnlyCollection<RouteAdvertisement> routes, List<string> problems)
    {
        var byPeer = routers.SelectMany(r => r.Neighbors).ToDictionary(n => n.Peer.Config.Name, StringComparer.Ordinal);
        foreach (var route in routes.OrderBy(r => r.Peer, StringComparer.Ordinal).ThenBy(r => r.Prefix, StringComparer.Ordinal))
        {
            if (!byPeer.TryGetValue(route.Peer, out var neighbor))
            {
                continue;
            }

            if (!IPNetwork.TryParse(route.Prefix, out var prefix))
            {
                problems.Add($"route {route.Prefix} to peer {route.Peer}: not a prefix");
                continue;
            }

            var parsed = Parse(route, prefix, problems);
            if (!neighbor.Activates(parsed.IsV6))
            {
                problems.Add($"route {prefix} to peer {route.Peer}: the session carries no {(parsed.IsV6 ? "IPv6" : "IPv4")} (dualStackAddressFamily is off)");
                continue;
            }

            neighbor.Routes[prefix] = neighbor.Routes.TryGetValue(prefix, out var earlier) ? Merge(earlier, parsed) : parsed;
        }
    }

    private static FrrRoute Parse(RouteAdvertisement route, IPNetwork prefix, List<string> problems)
    {
        var standard = new SortedSet<string>(CommunityOrder.Instance);
        var large = new SortedSet<string>(CommunityOrder.Instance);
        foreach (var community in route.Communities)
        {
            if (community.StartsWith(LargePrefix, StringComparison.Ordinal) && LargeCommunity(community[LargePrefix.Length..]) is { } l)
            {
                large.Add(l);
            }
            else if (StandardCommunity(community) is { } s)
            {
                standard.Add(s);
            }
            else
            {
                problems.Add($"route {prefix} to peer {route.Peer}: community \"{community}\" is neither A:B nor large:A:B:C");
            }
        }

        var localPref = route.LocalPref;
        if (localPref is < 0 or > uint.MaxValue)
        {
            problems.Add($"route {prefix} to peer {route.Peer}: localPref {localPref} is out of range");
            localPref = 0;
        }

        return new FrrRoute(prefix, (uint)localPref, [.. standard], [.. large]);
    }

    private static FrrRoute Merge(FrrRoute a, FrrRoute b) => a with
    {
        LocalPref = Math.Max(a.LocalPref, b.LocalPref),
        Communities = [.. new SortedSet<string>(a.Communities.Concat(b.Communities), CommunityOrder.Instance)],
        LargeCommunities = [.. new SortedSet<string>(a.LargeCommunities.Concat(b.LargeCommunities), CommunityOrder.Instance)],
    };

    private static string? StandardCommunity(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 2 && ushort.TryParse(parts[0], out var asn) && ushort.TryParse(parts[1], out var value)
            ? $"{asn}:{value}"
            : null;
    }

    private static string? LargeCommunity(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 3 && uint.TryParse(parts[0], out var a) && uint.TryParse(parts[1], out var b) && uint.TryParse(parts[2], out var c)
            ? $"{a}:{b}:{c}"
            : null;
    }

    /// <summary>Orders communities by their numbers (<c>2:1</c> before <c>10:1</c>), as FRR prints them.</summary>
    private sealed class CommunityOrder : IComparer<string>
    {
        public static CommunityOrder Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            var a = x!.Split(':').Select(ulong.Parse).ToArray();
            var b = y!.Split(':').Select(ulong.Parse).ToArray();
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                if (a[i] != b[i])
                {
                    return a[i].CompareTo(b[i]);
                }
            }

            return a.Length.CompareTo(b.Length);
        }
    }
}
