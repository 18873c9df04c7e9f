using System.Buffers.Binary;
using System.Net;

namespace MetalLb.Domain.Net;

/// <summary>An IPv4 or IPv6 address held as a 128-bit integer, ordered IPv4 before IPv6.</summary>
/// <remarks>
/// Parsing is strict the way Go's <c>net.ParseIP</c> is (MetalLB's parser): IPv4 is exactly four decimal
/// octets without leading zeros; IPv6 has no zone. An IPv4-mapped IPv6 text stays IPv6.
/// </remarks>
public readonly record struct IpAddress : IComparable<IpAddress>
{
    private IpAddress(UInt128 value, IpFamily family)
    {
        Value = value;
        Family = family;
    }

    /// <summary>The address as an unsigned integer; IPv4 uses the low 32 bits.</summary>
    public UInt128 Value { get; }

    public IpFamily Family { get; }

    public int BitLength => Family == IpFamily.V4 ? 32 : 128;

    public bool IsV4 => Family == IpFamily.V4;

    /// <summary>The highest value an address of this family can take.</summary>
    public UInt128 FamilyMax => MaxValue(Family);

    public static IpAddress V4(uint value) => new(value, IpFamily.V4);

    public static IpAddress V6(UInt128 value) => new(value, IpFamily.V6);

    public static IpAddress FromValue(UInt128 value, IpFamily family)
    {
        if (family == IpFamily.V4 && value > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "IPv4 value exceeds 32 bits");
        }

        return new IpAddress(value, family);
    }

    public static UInt128 MaxValue(IpFamily family) => family == IpFamily.V4 ? uint.MaxValue : UInt128.MaxValue;

    public static IpAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"invalid IP address \"{text}\"");

    public static bool TryParse(ReadOnlySpan<char> text, out IpAddress address)
    {
        address = default;
        if (text.IsEmpty || text.Length > 45)
        {
            return false;
        }

        if (text.Contains(':'))
        {
            return TryParseV6(text, out address);
        }

        if (!TryParseV4(text, out var v4))
        {
            return false;
        }

        address = V4(v4);
        return true;
    }

    private static bool TryParseV4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var octets = 0;
        var i = 0;
        while (i <= text.Length)
        {
            var start = i;
            uint octet = 0;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                octet = (octet * 10) + (uint)(text[i] - '0');
                if (octet > 255 || i - start >= 3)
                {
                    return false;
                }

                i++;
            }

            var digits = i - start;
            if (digits == 0 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }

            value = (value << 8) | octet;
            octets++;
            if (i == text.Length)
            {
                break;
            }

            if (text[i] != '.' || octets == 4)
            {
                return false;
            }

            i++;
        }

        return octets == 4;
    }

    private static bool TryParseV6(ReadOnlySpan<char> text, out IpAddress address)
    {
        address = default;
        foreach (var c in text)
        {
            if (!(char.IsAsciiHexDigit(c) || c == ':' || c == '.'))
            {
                return false;
            }
        }

        if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        parsed.TryWriteBytes(bytes, out _);
        address = V6(BinaryPrimitives.ReadUInt128BigEndian(bytes));
        return true;
    }

    /// <summary>The address plus <paramref name="offset"/>, or null when that leaves the family's space.</summary>
    public IpAddress? TryAdd(UInt128 offset)
    {
        var max = FamilyMax;
        if (offset > max - Value)
        {
            return null;
        }

        return new IpAddress(Value + offset, Family);
    }

    /// <summary>The last octet of an IPv4 address; used by the avoidBuggyIPs rule.</summary>
    public byte LastOctet => (byte)(Value & 0xFF);

    /// <summary>True for an IPv4 address ending in .0 or .255 (MetalLB's "buggy" addresses).</summary>
    public bool IsBuggyV4 => IsV4 && (LastOctet == 0 || LastOctet == 255);

    public int CompareTo(IpAddress other)
    {
        var family = ((byte)Family).CompareTo((byte)other.Family);
        return family != 0 ? family : Value.CompareTo(other.Value);
    }

    public static bool operator <(IpAddress left, IpAddress right) => left.CompareTo(right) < 0;

    public static bool operator >(IpAddress left, IpAddress right) => left.CompareTo(right) > 0;

    public static bool operator <=(IpAddress left, IpAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >=(IpAddress left, IpAddress right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// Canonical text: dotted quad, or RFC 5952 IPv6 in hex only (no embedded dotted quad). This is Go's
    /// <c>net.IP.String()</c> for every IPv6 address except IPv4-mapped ones, so the L2 election hash of
    /// <c>"node#ip"</c> matches MetalLB's.
    /// </summary>
    public override string ToString()
    {
        if (IsV4)
        {
            var v = (uint)Value;
            return $"{v >> 24}.{(v >> 16) & 0xFF}.{(v >> 8) & 0xFF}.{v & 0xFF}";
        }

        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = (ushort)(Value >> (112 - (16 * i)));
        }

        var (bestStart, bestLength) = (-1, 0);
        for (var i = 0; i < 8;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < 8 && groups[i] == 0)
            {
                i++;
            }

            if (i - start > bestLength && i - start >= 2)
            {
                (bestStart, bestLength) = (start, i - start);
            }
        }

        var text = new System.Text.StringBuilder(39);
        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                text.Append("::");
                i += bestLength - 1;
                continue;
            }

            if (text.Length > 0 && text[^1] != ':')
            {
                text.Append(':');
            }

            text.Append(groups[i].ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    internal static int TrailingZeros(UInt128 value, int bits) =>
        value == UInt128.Zero ? bits : Math.Min(bits, (int)UInt128.TrailingZeroCount(value));

    internal static UInt128 Pow2(int exponent) => exponent >= 128 ? UInt128.MaxValue : UInt128.One << exponent;

    internal static int Log2Floor(UInt128 value) => 127 - (int)UInt128.LeadingZeroCount(value);
}
