using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MetalLb.Bgp.Speaker;

/// <summary>
/// The BGP identifier when none is configured, as MetalLB's native speaker picks it (METALLB-SPEC §6.3): the IPv4
/// source of the session, else an IPv4 address on the interface carrying the IPv6 source, else CRC32 of the node name.
/// </summary>
internal static class RouterIds
{
    public static uint Of(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        return address.AddressFamily == AddressFamily.InterNetwork && address.TryWriteBytes(bytes, out _)
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : throw new ArgumentException($"a router ID is an IPv4 address, not {address}", nameof(address));
    }

    public static uint ForSession(IPAddress? configured, IPAddress local, string nodeName)
    {
        if (configured is not null)
        {
            return Of(configured);
        }

        if (local.AddressFamily == AddressFamily.InterNetwork)
        {
            return Of(local);
        }

        return LocalAddresses.OnSameInterface(local, AddressFamily.InterNetwork) is { } v4 ? Of(v4) : FromNodeName(nodeName);
    }

    /// <summary>
    /// MetalLB writes the IEEE CRC32 of the name little-endian into the four octets of the identifier, so the
    /// identifier read in network order is the checksum byte-swapped.
    /// </summary>
    public static uint FromNodeName(string nodeName) => BinaryPrimitives.ReverseEndianness(Crc32(Encoding.UTF8.GetBytes(nodeName)));

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
