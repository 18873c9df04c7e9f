namespace MetalLb.Domain.Validation;

/// <summary>Kubernetes' syntax rules for label keys and values (apimachinery validation).</summary>
public static class LabelSyntax
{
    private const int MaxNameLength = 63;
    private const int MaxPrefixLength = 253;

    /// <summary>Returns null when <paramref name="key"/> is a valid qualified name, else the reason.</summary>
    public static string? CheckKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0 || prefix.Length > MaxPrefixLength || !IsDnsSubdomain(prefix))
            {
                return $"label key \"{key}\": prefix must be a DNS subdomain (lowercase alphanumerics, '-' and '.')";
            }
        }

        if (name.Length == 0 || name.Length > MaxNameLength || !IsLabelToken(name))
        {
            return $"label key \"{key}\": name part must be 1-63 characters of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
        }

        return null;
    }

    /// <summary>Returns null when <paramref name="value"/> is a valid label value, else the reason.</summary>
    public static string? CheckValue(string value) =>
        value.Length == 0 || (value.Length <= MaxNameLength && IsLabelToken(value))
            ? null
            : $"label value \"{value}\": must be at most 63 characters of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";

    private static bool IsLabelToken(string s)
    {
        if (!char.IsAsciiLetterOrDigit(s[0]) || !char.IsAsciiLetterOrDigit(s[^1]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDnsSubdomain(string s)
    {
        foreach (var part in s.Split('.'))
        {
            if (part.Length == 0 || part.Length > 63 || !char.IsAsciiLetterLower(part[0]) && !char.IsAsciiDigit(part[0]) ||
                !char.IsAsciiLetterLower(part[^1]) && !char.IsAsciiDigit(part[^1]))
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
