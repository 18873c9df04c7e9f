using System.Text.RegularExpressions;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>A route in BIRD's <c>show route all</c>, with the BGP attributes FRR mode sets.</summary>
internal sealed partial record BirdRoute(string Prefix, uint? LocalPref, IReadOnlyList<string> Communities, IReadOnlyList<string> LargeCommunities)
{
    public override string ToString() =>
        $"{Prefix} lp={LocalPref} c=[{string.Join(' ', Communities)}] lc=[{string.Join(' ', LargeCommunities)}]";

    /// <summary>
    /// Reads the text: a route starts on a line beginning with its prefix, its attributes follow indented
    /// (<c>BGP.local_pref: 200</c>, <c>BGP.community: (64512,100) (65535,65281)</c>, <c>BGP.large_community: (64512, 1, 2)</c>).
    /// </summary>
    public static IReadOnlyList<BirdRoute> Parse(string text)
    {
        var routes = new List<BirdRoute>();
        string? prefix = null;
        uint? localPref = null;
        List<string> communities = [], large = [];
        foreach (var line in text.Split('\n'))
        {
            var start = RouteStart().Match(line);
            if (start.Success)
            {
                Flush();
                prefix = start.Groups[1].Value;
            }
            else if (line.Contains("BGP.local_pref:", StringComparison.Ordinal))
            {
                localPref = uint.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            }
            else if (line.Contains("BGP.large_community:", StringComparison.Ordinal))
            {
                large.AddRange(Tuples().Matches(line).Select(m => string.Join(':', m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries))));
            }
            else if (line.Contains("BGP.community:", StringComparison.Ordinal))
            {
                communities.AddRange(Tuples().Matches(line).Select(m => string.Join(':', m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries))));
            }
        }

        Flush();
        return routes;

        void Flush()
        {
            if (prefix is not null)
            {
                routes.Add(new BirdRoute(prefix, localPref, communities, large));
            }

            (prefix, localPref, communities, large) = (null, null, [], []);
        }
    }

    [GeneratedRegex(@"^([0-9a-fA-F:.]+/\d+)\s")]
    private static partial Regex RouteStart();

    [GeneratedRegex(@"\(([0-9, ]+)\)")]
    private static partial Regex Tuples();
}
