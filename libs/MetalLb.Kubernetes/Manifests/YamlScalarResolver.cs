using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>
/// Types a plain (unquoted) YAML scalar the way kubectl's YAML library does: go-yaml v2, which follows YAML 1.1, so
/// <c>yes</c>/<c>on</c>/<c>y</c> are booleans and <c>010</c> is octal.
/// </summary>
/// <remarks>
/// Deliberate differences: <c>.inf</c>/<c>.nan</c> and timestamps stay strings (JSON cannot hold the former and
/// kubectl would turn the latter into RFC 3339 text, which no MetalLB field wants).
/// </remarks>
internal static partial class YamlScalarResolver
{
    private static readonly HashSet<string> Nulls = ["", "~", "null", "Null", "NULL"];

    private static readonly HashSet<string> Trues =
        ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];

    private static readonly HashSet<string> Falses =
        ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];

    public static JsonNode? Resolve(string value)
    {
        if (Nulls.Contains(value))
        {
            return null;
        }

        if (Trues.Contains(value))
        {
            return JsonValue.Create(true);
        }

        if (Falses.Contains(value))
        {
            return JsonValue.Create(false);
        }

        return value[0] is (>= '0' and <= '9') or '+' or '-' or '.' ? ResolveNumber(value) : JsonValue.Create(value);
    }

    /// <summary>go-yaml v2: drop underscores, then ParseInt(s, 0, 64), ParseUint(s, 0, 64), then a YAML-style float.</summary>
    private static JsonValue ResolveNumber(string value)
    {
        var plain = value.Replace("_", "");
        if (TryParseInteger(plain, out var signed, out var unsigned))
        {
            return signed is { } s ? JsonValue.Create(s) : JsonValue.Create(unsigned);
        }

        if (FloatPattern().IsMatch(plain)
            && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(value);
    }

    /// <summary>Go's strconv base-0 integer syntax: optional sign, then 0x / 0o / 0b / leading-0 octal or decimal.</summary>
    private static bool TryParseInteger(string text, out long? signed, out ulong unsigned)
    {
        signed = null;
        unsigned = 0;
        var negative = text.StartsWith('-');
        var hasSign = negative || text.StartsWith('+');
        var digits = hasSign ? text[1..] : text;
        var radix = 10;
        if (digits.Length > 1 && digits[0] == '0')
        {
            (radix, digits) = char.ToLowerInvariant(digits[1]) switch
            {
                'x' => (16, digits[2..]),
                'o' => (8, digits[2..]),
                'b' => (2, digits[2..]),
                _ => (8, digits[1..]),
            };
        }

        if (digits.Length == 0 || !TryParseMagnitude(digits, radix, out var magnitude))
        {
            return false;
        }

        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }

            signed = magnitude == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)magnitude;
            return true;
        }

        if (magnitude <= long.MaxValue)
        {
            signed = (long)magnitude;
            return true;
        }

        unsigned = magnitude;
        return !hasSign;
    }

    private static bool TryParseMagnitude(string digits, int radix, out ulong magnitude)
    {
        magnitude = 0;
        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => int.MaxValue,
            };
            if (digit >= radix || magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }

            magnitude = (magnitude * (ulong)radix) + (ulong)digit;
        }

        return true;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
