using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// Parses BIRD 2's text output (it has no JSON): <c>show route ... all</c>, <c>show protocols all</c> and <c>show bfd
/// sessions</c>. A route starts on a line with the prefix (or, for a further path of the same prefix, indented by
/// spaces) and its attributes follow on tab-indented lines such as <c>BGP.community: (65000,101) (65000,102)</c>.
/// </summary>
internal static partial class BirdRouteParser
{
    /// <summary>Parses routes; <paramref name="protocolPeers"/> names the neighbour of each BGP protocol (BIRD shows
    /// <c>from ADDRESS</c> for multihop sessions only).</summary>
    public static IReadOnlyList<BgpRoute> ParseRoutes(string text, IReadOnlyDictionary<string, string> protocolPeers)
    {
        var routes = new List<BgpRoute>();
        IPNetwork? prefix = null;
        RouteBuilder? current = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('\t'))
            {
                current?.Add(line.Trim());
                continue;
            }

            var header = RouteHeader().Match(line);
            if (!header.Success)
            {
                continue;
            }

            if (current is not null)
            {
                routes.Add(current.Build());
            }

            if (header.Groups["prefix"].Success)
            {
                prefix = IPNetwork.Parse(header.Groups["prefix"].Value);
            }

            var peer = header.Groups["from"].Success
                ? header.Groups["from"].Value
                : protocolPeers.GetValueOrDefault(header.Groups["protocol"].Value);
            current = new RouteBuilder(prefix!.Value, peer is null ? null : IPAddress.Parse(peer));
        }

        if (current is not null)
        {
            routes.Add(current.Build());
        }

        return routes;
    }

    /// <summary>The <c>BGP state:</c> line of <c>show protocols all NAME</c>; a protocol that is down shows none (Idle).</summary>
    public static BgpSessionState ParseState(string text)
    {
        var match = StateLine().Match(text);
        return match.Success && Enum.TryParse<BgpSessionState>(match.Groups[1].Value, ignoreCase: true, out var state)
            ? state
            : BgpSessionState.Idle;
    }

    /// <summary>The rows of <c>show bfd sessions</c>: address, interface, state, since, intervals.</summary>
    public static IReadOnlyList<BfdSession> ParseBfdSessions(string text)
    {
        var sessions = new List<BfdSession>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || !IPAddress.TryParse(fields[0], out _))
            {
                continue;
            }

            var state = fields.Skip(1).Select(f => Enum.TryParse<BfdState>(f, ignoreCase: true, out var s) ? s : (BfdState?)null)
                .FirstOrDefault(s => s is not null);
            sessions.Add(new BfdSession(fields[0], state ?? BfdState.Down));
        }

        return sessions;
    }

    [GeneratedRegex(@"^(?<prefix>[0-9a-fA-F:.]+/\d+)?\s+\S+\s+\[(?<protocol>\S+)\s[^\]]*?(?:from (?<from>\S+))?\]")]
    private static partial Regex RouteHeader();

    [GeneratedRegex(@"^\s*BGP state:\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex StateLine();

    [GeneratedRegex(@"\((\d+),\s*(\d+)(?:,\s*(\d+))?\)")]
    private static partial Regex CommunityTuple();

    private sealed class RouteBuilder(IPNetwork prefix, IPAddress? peer)
    {
        private readonly List<string> _communities = [];
        private readonly List<string> _large = [];
        private readonly List<uint> _asPath = [];
        private IPAddress? _nextHop;
        private uint? _localPref;
        private uint? _med;

        public void Add(string attribute)
        {
            var colon = attribute.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                return;
            }

            var (name, value) = (attribute[..colon], attribute[(colon + 2)..].Trim());
            switch (name)
            {
                case "BGP.next_hop":
                    _nextHop = IPAddress.Parse(value.Split(' ')[0]);
                    break;
                case "BGP.local_pref":
                    _localPref = uint.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "BGP.med":
                    _med = uint.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "BGP.as_path":
                    _asPath.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .Select(a => a.Trim('{', '}', '(', ')', '[', ']'))
                        .Where(a => a.Length > 0)
                        .Select(a => uint.Parse(a, CultureInfo.InvariantCulture)));
                    break;
                case "BGP.community":
                    _communities.AddRange(CommunityTuple().Matches(value).Select(m => $"{m.Groups[1].Value}:{m.Groups[2].Value}"));
                    break;
                case "BGP.large_community":
                    _large.AddRange(CommunityTuple().Matches(value)
                        .Select(m => $"{m.Groups[1].Value}:{m.Groups[2].Value}:{m.Groups[3].Value}"));
                    break;
                default:
                    break;
            }
        }

        public BgpRoute Build() => new(prefix, _nextHop, peer, _localPref, _med, _communities, _large, _asPath);
    }
}
