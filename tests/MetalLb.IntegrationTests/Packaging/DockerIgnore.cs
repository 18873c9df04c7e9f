using System.Text;
using System.Text.RegularExpressions;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>
/// A <c>.dockerignore</c>: patterns relative to the context root, <c>*</c> and <c>?</c> within a path segment,
/// <c>**</c> across segments, <c>!</c> re-including; a path is left out when the last pattern matching it or one of
/// its parent directories is not a <c>!</c> one.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Include)> _rules;

    private DockerIgnore(List<(Regex Pattern, bool Include)> rules) => _rules = rules;

    public static DockerIgnore Load(string path) => Parse(File.Exists(path) ? File.ReadAllText(path) : string.Empty);

    public static DockerIgnore Parse(string text) =>
        new([.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.StartsWith('!') ? (ToRegex(l[1..]), true) : (ToRegex(l), false))]);

    /// <summary>Whether the context leaves <paramref name="relativePath"/> (forward slashes) out.</summary>
    public bool Excludes(string relativePath)
    {
        var segments = relativePath.Trim('/').Split('/');
        var excluded = false;
        for (var n = 1; n <= segments.Length; n++)
        {
            var prefix = string.Join('/', segments[..n]);
            foreach (var (pattern, include) in _rules)
            {
                if (pattern.IsMatch(prefix))
                {
                    excluded = !include;
                }
            }
        }

        return excluded;
    }

    private static Regex ToRegex(string pattern)
    {
        var clean = pattern.Trim('/');
        var regex = new StringBuilder("^");
        for (var i = 0; i < clean.Length; i++)
        {
            if (clean[i] == '*' && i + 1 < clean.Length && clean[i + 1] == '*')
            {
                var slash = i + 2 < clean.Length && clean[i + 2] == '/';
                regex.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(clean[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
