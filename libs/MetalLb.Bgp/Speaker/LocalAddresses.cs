using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace MetalLb.Bgp.Speaker;

/// <summary>The node's own addresses, read from its interfaces (next hops and router IDs of the other family).</summary>
internal static class LocalAddresses
{
    public static bool Exists(IPAddress address) =>
        NetworkInterface.GetAllNetworkInterfaces().Any(i => Addresses(i).Contains(address));

    /// <summary>
    /// An address of <paramref name="family"/> on the interface that holds <paramref name="address"/>: for IPv6 a
    /// global one (not link-local), since it becomes a next hop other routers must reach. Null when there is none.
    /// </summary>
    public static IPAddress? OnSameInterface(IPAddress address, AddressFamily family)
    {
        foreach (var candidate in NetworkInterface.GetAllNetworkInterfaces())
        {
            var addresses = Addresses(candidate).ToList();
            if (addresses.Contains(address))
            {
                return addresses.FirstOrDefault(a => a.AddressFamily == family && !a.IsIPv6LinkLocal && !IPAddress.IsLoopback(a));
            }
        }

        return null;
    }

    private static IEnumerable<IPAddress> Addresses(NetworkInterface nic)
    {
        try
        {
            return nic.GetIPProperties().UnicastAddresses.Select(u => u.Address).ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
