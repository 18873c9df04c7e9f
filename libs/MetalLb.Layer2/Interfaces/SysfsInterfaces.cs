using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using MetalLb.Layer2.Codecs;

namespace MetalLb.Layer2.Interfaces;

/// <summary>Reads the interfaces of this network namespace from <c>/sys/class/net</c> and the IPv6 link-local addresses from the OS.</summary>
public static class SysfsInterfaces
{
    private const string Root = "/sys/class/net";

    public static IReadOnlyList<InterfaceInfo> Read()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var linkLocal = LinkLocalNames();
        var result = new List<InterfaceInfo>();
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(dir);
            try
            {
                var mac = File.ReadAllText(Path.Combine(dir, "address")).Trim();
                result.Add(new InterfaceInfo(
                    name,
                    mac.Length == 17 ? MacAddress.Parse(mac) : MacAddress.Zero,
                    Convert.ToUInt32(File.ReadAllText(Path.Combine(dir, "flags")).Trim(), 16),
                    File.ReadAllText(Path.Combine(dir, "type")).Trim() == "1",
                    Path.Exists(Path.Combine(dir, "master")),
                    Carrier(dir),
                    linkLocal.Contains(name)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException)
            {
                // The interface went away while it was read, or is of a kind without these files: not usable.
            }
        }

        return result;
    }

    /// <summary>Reading <c>carrier</c> of a down interface fails with EINVAL: no carrier.</summary>
    private static bool Carrier(string dir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, "carrier")).Trim() == "1";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static HashSet<string> LinkLocalNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.GetIPProperties().UnicastAddresses.Any(a => a.Address.AddressFamily == AddressFamily.InterNetworkV6 && a.Address.IsIPv6LinkLocal))
            {
                names.Add(nic.Name);
            }
        }

        return names;
    }

    /// <summary>The interface's index, for socket options that take one.</summary>
    public static int IndexOf(string name) =>
        int.Parse(File.ReadAllText(Path.Combine(Root, name, "ifindex")).Trim(), CultureInfo.InvariantCulture);
}
