using System.Text.RegularExpressions;

namespace MetalLb.Announcer.Frr;

/// <summary>
/// Masks passwords in FRR's output before it is logged or thrown: frr-reload and vtysh echo the configuration lines
/// they apply or reject, and those include <c>neighbor X password …</c>, sometimes quoted or escaped.
/// </summary>
public static partial class FrrRedaction
{
    public const string Mask = "<redacted>";

    /// <summary>The passwords a configuration holds (its <c>neighbor X password P</c> lines).</summary>
    public static IReadOnlyList<string> SecretsIn(string configuration) =>
        [.. PasswordLine().Matches(configuration ?? "").Select(m => m.Groups["secret"].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>Replaces every one of <paramref name="secrets"/>, and any word after <c>password</c>, with <see cref="Mask"/>.</summary>
    public static string Redact(string text, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var redacted = text ?? "";
        foreach (var secret in secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            redacted = redacted.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return PasswordArgument().Replace(redacted, "${keyword}" + Mask);
    }

    [GeneratedRegex(@"^\s*neighbor\s+\S+\s+password\s+(?<secret>\S+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordLine();

    [GeneratedRegex(@"(?<keyword>\bpassword\s+)(?!<redacted>)[^\s'""\\]+", RegexOptions.CultureInvariant)]
    private static partial Regex PasswordArgument();
}
