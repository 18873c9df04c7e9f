using System.Buffers.Binary;
using MetalLb.Domain.Net;

namespace MetalLb.Layer2.Codecs;

/// <summary>Reads and writes ARP for IPv4 over Ethernet (RFC 826) in place; never throws on input.</summary>
public static class ArpCodec
{
    /// <summary>Ethernet header plus the 28-byte ARP body; a frame on the wire is padded to 60, which is allowed.</summary>
    public const int FrameLength = Ethernet.HeaderLength + 28;

    private const ushort HardwareEthernet = 1;
    private const ushort ProtocolIpv4 = 0x0800;

    /// <summary>Decodes an ARP frame; false (and why) for anything that is not well-formed IPv4-over-Ethernet ARP.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out ArpMessage message, out string? problem)
    {
        message = default;
        if (frame.Length < FrameLength)
        {
            problem = frame.Length < Ethernet.HeaderLength ? "truncated Ethernet header" : "truncated ARP";
            return false;
        }

        if (Ethernet.EtherType(frame) != Ethernet.Arp)
        {
            problem = "not ARP";
            return false;
        }

        var arp = frame[Ethernet.HeaderLength..];
        if (BinaryPrimitives.ReadUInt16BigEndian(arp) != HardwareEthernet || BinaryPrimitives.ReadUInt16BigEndian(arp[2..]) != ProtocolIpv4
            || arp[4] != MacAddress.Length || arp[5] != 4)
        {
            problem = "ARP for another hardware or protocol type";
            return false;
        }

        var op = BinaryPrimitives.ReadUInt16BigEndian(arp[6..]);
        if (op is not ((ushort)ArpOperation.Request or (ushort)ArpOperation.Reply))
        {
            problem = $"ARP opcode {op}";
            return false;
        }

        message = new ArpMessage(
            (ArpOperation)op,
            MacAddress.Read(arp[8..]),
            IpAddress.V4(BinaryPrimitives.ReadUInt32BigEndian(arp[14..])),
            MacAddress.Read(arp[18..]),
            IpAddress.V4(BinaryPrimitives.ReadUInt32BigEndian(arp[24..])),
            Ethernet.Source(frame),
            Ethernet.Destination(frame));
        problem = null;
        return true;
    }

    /// <summary>Writes a complete frame (<see cref="FrameLength"/> bytes) and returns its length.</summary>
    public static int Write(
        Span<byte> frame, MacAddress frameDestination, ArpOperation operation, MacAddress senderMac, IpAddress senderIp,
        MacAddress targetMac, IpAddress targetIp)
    {
        if (!senderIp.IsV4 || !targetIp.IsV4)
        {
            throw new ArgumentException("ARP carries IPv4 addresses only");
        }

        Ethernet.WriteHeader(frame, frameDestination, senderMac, Ethernet.Arp);
        var arp = frame[Ethernet.HeaderLength..];
        BinaryPrimitives.WriteUInt16BigEndian(arp, HardwareEthernet);
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], ProtocolIpv4);
        arp[4] = MacAddress.Length;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], (ushort)operation);
        senderMac.Write(arp[8..]);
        BinaryPrimitives.WriteUInt32BigEndian(arp[14..], (uint)senderIp.Value);
        targetMac.Write(arp[18..]);
        BinaryPrimitives.WriteUInt32BigEndian(arp[24..], (uint)targetIp.Value);
        return FrameLength;
    }

    /// <summary>The reply to <paramref name="request"/> saying <paramref name="ip"/> is at <paramref name="mac"/>, unicast to the asker.</summary>
    public static int WriteReply(Span<byte> frame, ArpMessage request, MacAddress mac, IpAddress ip) =>
        Write(frame, request.SenderMac, ArpOperation.Reply, mac, ip, request.SenderMac, request.SenderIp);

    /// <summary>
    /// A gratuitous ARP announcing <paramref name="ip"/> at <paramref name="mac"/>, broadcast: a request (RFC 5227
    /// announcement, target MAC zero) or a reply (some hosts only update their cache from replies); MetalLB sends both.
    /// </summary>
    public static int WriteGratuitous(Span<byte> frame, ArpOperation operation, MacAddress mac, IpAddress ip) =>
        Write(frame, MacAddress.Broadcast, operation, mac, ip, operation == ArpOperation.Request ? MacAddress.Zero : MacAddress.Broadcast, ip);
}
