using System.Text;

namespace MetalLb.Domain.Validation;

/// <summary>
/// Go's <c>time.ParseDuration</c> and <c>Duration.String</c>, the text form of Kubernetes <c>metav1.Duration</c>
/// fields such as a BGPPeer's <c>holdTime</c>.
/// </summary>
/// <remarks>
/// Grammar <c>[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+</c> or a bare <c>0</c>, units ns, us, µs (U+00B5), μs (U+03BC),
/// ms, s, m, h; the value must fit a signed 64-bit count of nanoseconds. Error texts are Go's, so messages read like
/// MetalLB's. A <see cref="TimeSpan"/> counts 100 ns ticks: nanoseconds below that are truncated toward zero.
/// </remarks>
public static partial class GoDuration
{
    public const long NanosecondsPerTick = 100;
    public const long NanosecondsPerSecond = 1_000_000_000;

    private const ulong Nanosecond = 1;
    private const ulong Microsecond = 1000 * Nanosecond;
    private const ulong Millisecond = 1000 * Microsecond;
    private const ulong Second = 1000 * Millisecond;
    private const ulong Minute = 60 * Second;
    private const ulong Hour = 60 * Minute;
    private const ulong SignBit = 1UL << 63;

    /// <summary>Parses <paramref name="text"/>; on failure returns false with Go's error text.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        if (!TryParseNanoseconds(text, out var nanoseconds, out error))
        {
            return false;
        }

        value = TimeSpan.FromTicks(nanoseconds / NanosecondsPerTick);
        return true;
    }

    /// <summary>Parses <paramref name="text"/> to Go's exact nanosecond count; never throws.</summary>
    public static bool TryParseNanoseconds(string? text, out long nanoseconds, out string error)
    {
        nanoseconds = 0;
        error = "";
        var orig = text ?? "";
        var s = orig.AsSpan();
        var negative = false;
        if (!s.IsEmpty && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return Invalid(orig, out error);
        }

        ulong total = 0;
        while (!s.IsEmpty)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                return Invalid(orig, out error);
            }

            var before = s.Length;
            if (!TryLeadingInt(ref s, out var whole))
            {
                return Invalid(orig, out error);
            }

            var hasWhole = before != s.Length;
            var hasFraction = false;
            ulong fraction = 0;
            var scale = 1.0;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                before = s.Length;
                LeadingFraction(ref s, out fraction, out scale);
                hasFraction = before != s.Length;
            }

            if (!hasWhole && !hasFraction)
            {
                return Invalid(orig, out error);
            }

            var unitLength = 0;
            while (unitLength < s.Length && s[unitLength] != '.' && !char.IsAsciiDigit(s[unitLength]))
            {
                unitLength++;
            }

            if (unitLength == 0)
            {
                error = $"time: missing unit in duration {Quote(orig)}";
                return false;
            }

            var unitText = s[..unitLength];
            s = s[unitLength..];
            if (!TryUnit(unitText, out var unit))
            {
                error = $"time: unknown unit {Quote(unitText.ToString())} in duration {Quote(orig)}";
                return false;
            }

            if (whole > SignBit / unit)
            {
                return Invalid(orig, out error);
            }

            whole *= unit;
            if (fraction > 0)
            {
                // Go computes the fraction in float64, which is nanosecond-exact up to hours; do the same.
                whole += (ulong)(fraction * (unit / scale));
                if (whole > SignBit)
                {
                    return Invalid(orig, out error);
                }
            }

            total += whole;
            if (total > SignBit)
            {
                return Invalid(orig, out error);
            }
        }

        if (negative)
        {
            nanoseconds = unchecked(-(long)total);
            return true;
        }

        if (total > long.MaxValue)
        {
            return Invalid(orig, out error);
        }

        nanoseconds = (long)total;
        return true;
    }

    /// <summary>
    /// Go's <c>time</c> package quoting: double quotes, <c>"</c> and <c>\</c> escaped, bytes of non-ASCII or
    /// control characters as <c>\xNN</c> of their UTF-8 encoding.
    /// </summary>
    internal static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (b >= 0x80 || b < 0x20)
            {
                sb.Append("\\x").Append(b.ToString("x2"));
            }
            else
            {
                if (b is (byte)'"' or (byte)'\\')
                {
                    sb.Append('\\');
                }

                sb.Append((char)b);
            }
        }

        return sb.Append('"').ToString();
    }

    private static bool Invalid(string orig, out string error)
    {
        error = $"time: invalid duration {Quote(orig)}";
        return false;
    }

    private static bool TryLeadingInt(ref ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (value > SignBit / 10)
            {
                return false;
            }

            value = (value * 10) + (ulong)(s[i] - '0');
            if (value > SignBit)
            {
                return false;
            }
        }

        s = s[i..];
        return true;
    }

    /// <summary>Digits after the decimal point; stops gaining precision (without failing) once they overflow.</summary>
    private static void LeadingFraction(ref ReadOnlySpan<char> s, out ulong value, out double scale)
    {
        value = 0;
        scale = 1;
        var overflow = false;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (overflow)
            {
                continue;
            }

            if (value > (SignBit - 1) / 10)
            {
                overflow = true;
                continue;
            }

            var next = (value * 10) + (ulong)(s[i] - '0');
            if (next > SignBit)
            {
                overflow = true;
                continue;
            }

            value = next;
            scale *= 10;
        }

        s = s[i..];
    }

    private static bool TryUnit(ReadOnlySpan<char> unit, out ulong nanoseconds)
    {
        nanoseconds = unit switch
        {
            "ns" => Nanosecond,
            "us" or "\u00B5s" or "\u03BCs" => Microsecond,
            "ms" => Millisecond,
            "s" => Second,
            "m" => Minute,
            "h" => Hour,
            _ => 0,
        };
        return nanoseconds != 0;
    }
}
