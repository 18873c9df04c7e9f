namespace MetalLb.Domain.Net;

/// <summary>A CIDR prefix: a masked network address and a prefix length.</summary>
public readonly record struct IpPrefix : IComparable<IpPrefix>
{
    private IpPrefix(IpAddress network, int length)
    {
        Network = network;
        Length = length;
    }

    /// <summary>The first address of the prefix (host bits cleared).</summary>
    public IpAddress Network { get; }

    public int Length { get; }

    public IpFamily Family => Network.Family;

    /// <summary>Number of host bits: address bits minus the prefix length.</summary>
    public int HostBits => Network.BitLength - Length;

    public IpAddress First => Network;

    public IpAddress Last => IpAddress.FromValue(Network.Value | HostMask(Network.BitLength, Length), Family);

    /// <summary>Number of addresses, saturating at <see cref="UInt128.MaxValue"/> for <c>::/0</c>.</summary>
    public UInt128 Size => IpAddress.Pow2(HostBits);

    /// <summary>Creates the prefix of <paramref name="address"/> with the host bits cleared.</summary>
    public static IpPrefix Create(IpAddress address, int length)
    {
        if (length < 0 || length > address.BitLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"prefix length {length} is out of range for {address.Family}");
        }

        var masked = address.Value & ~HostMask(address.BitLength, length) & address.FamilyMax;
        return new IpPrefix(IpAddress.FromValue(masked, address.Family), length);
    }

    public static IpPrefix Parse(string text) =>
        TryParse(text, out var prefix) ? prefix : throw new FormatException($"invalid CIDR \"{text}\"");

    /// <summary>
    /// Parses <c>address/length</c>. Host bits may be set; they are cleared, as Go's <c>net.ParseCIDR</c>
    /// (which MetalLB uses) does.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpPrefix prefix)
    {
        prefix = default;
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1)
        {
            return false;
        }

        if (!IpAddress.TryParse(text[..slash], out var address))
        {
            return false;
        }

        var lengthText = text[(slash + 1)..];
        if (lengthText.Length > 3 || (lengthText.Length > 1 && lengthText[0] == '0'))
        {
            return false;
        }

        var length = 0;
        foreach (var c in lengthText)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }

            length = (length * 10) + (c - '0');
        }

        if (length > address.BitLength)
        {
            return false;
        }

        prefix = Create(address, length);
        return true;
    }

    public bool Contains(IpAddress address) =>
        address.Family == Family && address.Value >= Network.Value && address.Value <= Last.Value;

    public bool Overlaps(IpPrefix other) =>
        other.Family == Family && other.Network.Value <= Last.Value && Network.Value <= other.Last.Value;

    public int CompareTo(IpPrefix other)
    {
        var network = Network.CompareTo(other.Network);
        return network != 0 ? network : Length.CompareTo(other.Length);
    }

    public override string ToString() => $"{Network}/{Length}";

    internal static UInt128 HostMask(int bits, int length)
    {
        var hostBits = bits - length;
        return hostBits >= 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - UInt128.One;
    }
}
