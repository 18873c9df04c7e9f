using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>Parses community text the way MetalLB does: <c>A:B</c> (uint16 each) or <c>large:A:B:C</c> (uint32 each).</summary>
/// <remarks>
/// The messages are MetalLB's (rule B6 of METALLB-SPEC §4.3), so users searching for them find MetalLB's docs and
/// issues. Sections are strict decimal digits as Go's <c>strconv.ParseUint(s, 10, n)</c> reads them: no sign, no
/// spaces, no hex; leading zeros are accepted.
/// </remarks>
public static class BgpCommunityParser
{
    public const string LargeMarker = "large";
    public const string InvalidValue = "invalid community value";
    public const string InvalidFormat = "invalid community format";

    /// <summary>Parses <paramref name="text"/>; never throws.</summary>
    /// <returns>True with <paramref name="value"/> set, or false with <paramref name="error"/> set (empty on success).</returns>
    public static bool TryParse(string text, out BgpCommunity value, out string error)
    {
        value = default;
        error = "";
        text ??= "";
        var parts = text.Split(':');
        switch (parts.Length)
        {
            case 2:
                if (!TryParseSection(text, parts[0], ushort.MaxValue, out var high, out error) ||
                    !TryParseSection(text, parts[1], ushort.MaxValue, out var low, out error))
                {
                    return false;
                }

                value = BgpCommunity.Standard((ushort)high, (ushort)low);
                return true;
            case 4:
                if (parts[0] != LargeMarker)
                {
                    error = $"{InvalidValue}: invalid marker for large community, expected community to be of format " +
                        $"{LargeMarker}:<uint32>:<uint32>:<uint32> but got \"{text}\" instead";
                    return false;
                }

                if (!TryParseSection(text, parts[1], uint.MaxValue, out var global, out error) ||
                    !TryParseSection(text, parts[2], uint.MaxValue, out var data1, out error) ||
                    !TryParseSection(text, parts[3], uint.MaxValue, out var data2, out error))
                {
                    return false;
                }

                value = BgpCommunity.Large(global, data1, data2);
                return true;
            default:
                error = $"{InvalidFormat}: {text}";
                return false;
        }
    }

    private static bool TryParseSection(string community, string part, uint max, out uint value, out string error)
    {
        value = 0;
        error = "";
        if (part.Length == 0 || !part.All(char.IsAsciiDigit))
        {
            error = SectionError(community, part, "not a decimal number");
            return false;
        }

        ulong parsed = 0;
        foreach (var c in part)
        {
            parsed = (parsed * 10) + (ulong)(c - '0');
            if (parsed > max)
            {
                error = SectionError(community, part, $"out of range 0-{max}");
                return false;
            }
        }

        value = (uint)parsed;
        return true;
    }

    private static string SectionError(string community, string part, string reason) =>
        $"{InvalidValue}: invalid section \"{part}\" of community \"{community}\": {reason}";
}
