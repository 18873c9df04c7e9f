namespace MetalLb.Domain.Net;

/// <summary>An inclusive range of addresses of one family.</summary>
public readonly record struct IpRange
{
    public IpRange(IpAddress start, IpAddress end)
    {
        if (start.Family != end.Family)
        {
            throw new ArgumentException("range ends must be of the same family", nameof(end));
        }

        if (start > end)
        {
            throw new ArgumentException("range start is after its end", nameof(start));
        }

        Start = start;
        End = end;
    }

    public IpAddress Start { get; }

    public IpAddress End { get; }

    public IpFamily Family => Start.Family;

    /// <summary>Number of addresses; saturates at <see cref="UInt128.MaxValue"/> for the whole IPv6 space.</summary>
    public UInt128 Size
    {
        get
        {
            var span = End.Value - Start.Value;
            return span == UInt128.MaxValue ? UInt128.MaxValue : span + UInt128.One;
        }
    }

    public static IpRange Of(IpPrefix prefix) => new(prefix.First, prefix.Last);

    public bool Contains(IpAddress address) => address.Family == Family && address >= Start && address <= End;

    /// <summary>
    /// The minimal list of CIDRs covering exactly this range, lowest first (the summarisation MetalLB applies to
    /// <c>start-end</c> pool entries).
    /// </summary>
    public IReadOnlyList<IpPrefix> ToPrefixes()
    {
        var bits = Start.BitLength;
        var result = new List<IpPrefix>();
        var current = Start.Value;
        var end = End.Value;
        while (true)
        {
            var alignment = IpAddress.TrailingZeros(current, bits);
            var remaining = end - current;
            var fit = remaining == UInt128.MaxValue ? 128 : IpAddress.Log2Floor(remaining + UInt128.One);
            var hostBits = Math.Min(alignment, fit);
            result.Add(IpPrefix.Create(IpAddress.FromValue(current, Family), bits - hostBits));
            var blockLast = current + IpPrefix.HostMask(bits, bits - hostBits);
            if (blockLast >= end)
            {
                return result;
            }

            current = blockLast + UInt128.One;
        }
    }

    /// <summary>
    /// Counts IPv4 addresses in the range whose last octet is 0 or 255. Always between 0 and <see cref="Size"/>.
    /// </summary>
    public UInt128 CountBuggyV4()
    {
        if (Family != IpFamily.V4)
        {
            return UInt128.Zero;
        }

        var a = (ulong)Start.Value;
        var b = (ulong)End.Value;
        return CountCongruent(a, b, 0) + CountCongruent(a, b, 255);
    }

    private static ulong CountCongruent(ulong a, ulong b, ulong residue)
    {
        // Number of x in [a, b] with x mod 256 == residue, computed without underflow.
        static ulong UpTo(ulong x, ulong r) => x < r ? 0 : ((x - r) / 256) + 1;
        return UpTo(b, residue) - (a == 0 ? 0 : UpTo(a - 1, residue));
    }

    public override string ToString() => $"{Start}-{End}";
}
