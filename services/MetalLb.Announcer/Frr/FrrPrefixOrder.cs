using System.Net;

namespace MetalLb.Announcer.Frr;

/// <summary>Orders prefixes IPv4 first, then by address bytes, then by length, so rendered lists read naturally.</summary>
internal sealed class FrrPrefixOrder : IComparer<IPNetwork>
{
    public static FrrPrefixOrder Instance { get; } = new();

    public int Compare(IPNetwork x, IPNetwork y)
    {
        var family = x.BaseAddress.AddressFamily.CompareTo(y.BaseAddress.AddressFamily);
        if (family != 0)
        {
            return family;
        }

        var bytes = x.BaseAddress.GetAddressBytes().AsSpan().SequenceCompareTo(y.BaseAddress.GetAddressBytes());
        return bytes != 0 ? bytes : x.PrefixLength.CompareTo(y.PrefixLength);
    }
}
