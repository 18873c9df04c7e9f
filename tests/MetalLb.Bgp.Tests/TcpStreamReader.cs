using System.Buffers.Binary;
using System.Net;

namespace MetalLb.Bgp.Tests;

/// <summary>
/// Reassembles the TCP byte stream of each direction of each connection in a classic pcap file (what tcpdump -w
/// writes: little-endian, Ethernet link type) over IPv4 or IPv6. Enough for captures on a veth without loss.
/// </summary>
internal static class TcpStreamReader
{
    public static IReadOnlyList<TcpStream> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0xA1B2C3D4u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)));
        var streams = new Dictionary<string, Flow>();
        var order = new List<string>();
        for (var at = 24; at + 16 <= bytes.Length;)
        {
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8));
            Segment(bytes.AsSpan(at + 16, captured), streams, order);
            at += 16 + captured;
        }

        return order.Select(key => new TcpStream(streams[key].Source, streams[key].Destination, streams[key].Data.ToArray())).ToList();
    }

    private static void Segment(ReadOnlySpan<byte> frame, Dictionary<string, Flow> streams, List<string> order)
    {
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        var ip = frame[14..];
        IPAddress source, destination;
        ReadOnlySpan<byte> tcp;
        if (etherType == 0x0800 && ip[9] == 6)
        {
            var total = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
            source = new IPAddress(ip.Slice(12, 4));
            destination = new IPAddress(ip.Slice(16, 4));
            tcp = ip[((ip[0] & 0x0F) * 4)..total];
        }
        else if (etherType == 0x86DD && ip[6] == 6)
        {
            source = new IPAddress(ip.Slice(8, 16));
            destination = new IPAddress(ip.Slice(24, 16));
            tcp = ip.Slice(40, BinaryPrimitives.ReadUInt16BigEndian(ip[4..]));
        }
        else
        {
            return;
        }

        var from = new IPEndPoint(source, BinaryPrimitives.ReadUInt16BigEndian(tcp));
        var to = new IPEndPoint(destination, BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]));
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]);
        var syn = (tcp[13] & 0x02) != 0;
        var payload = tcp[((tcp[12] >> 4) * 4)..];
        var key = $"{from}>{to}";
        if (syn)
        {
            streams[key] = new Flow(from, to) { Next = sequence + 1 };
            order.Add(key);
            return;
        }

        if (!streams.TryGetValue(key, out var flow) || payload.IsEmpty)
        {
            return;
        }

        var skip = (int)(flow.Next - sequence);
        if (skip < 0)
        {
            throw new InvalidDataException($"{key}: a segment is missing before sequence {sequence}");
        }

        if (skip < payload.Length)
        {
            flow.Data.AddRange(payload[skip..]);
            flow.Next = sequence + (uint)payload.Length;
        }
    }

    private sealed class Flow(IPEndPoint source, IPEndPoint destination)
    {
        public IPEndPoint Source { get; } = source;

        public IPEndPoint Destination { get; } = destination;

        public uint Next { get; set; }

        public List<byte> Data { get; } = [];
    }
}
