using System.Buffers.Binary;
using MetalLb.Domain.Net;

namespace MetalLb.Layer2.Codecs;

/// <summary>
/// Reads neighbour solicitations and advertisements and writes advertisements (RFC 4861), checking what §7.1 asks a
/// receiver to check: hop limit 255, ICMPv6 checksum, code 0, a unicast target, well-formed options. Never throws on input.
/// </summary>
public static class NdpCodec
{
    /// <summary>An advertisement with a target link-layer address option: Ethernet + IPv6 + 24 + 8 bytes.</summary>
    public const int AdvertisementLength = Ethernet.HeaderLength + Ipv6HeaderLength + 32;

    public const int Ipv6HeaderLength = 40;

    private const byte Icmpv6 = 58;
    private const byte HopLimit = 255;
    private const int IcmpOffset = Ethernet.HeaderLength + Ipv6HeaderLength;
    private const byte SourceLinkLayerOption = 1;
    private const byte TargetLinkLayerOption = 2;

    /// <summary>ff02::1, all nodes: where an unsolicited advertisement goes.</summary>
    public static IpAddress AllNodes { get; } = IpAddress.V6(new UInt128(0xFF02_0000_0000_0000, 1));

    public static bool TryRead(ReadOnlySpan<byte> frame, out NdpMessage message, out string? problem)
    {
        message = default;
        if (frame.Length < Ethernet.HeaderLength || Ethernet.EtherType(frame) != Ethernet.Ipv6)
        {
            problem = "not IPv6";
            return false;
        }

        if (frame.Length < IcmpOffset + 1 || frame[Ethernet.HeaderLength] >> 4 != 6)
        {
            problem = "truncated IPv6 header";
            return false;
        }

        var ip = frame[Ethernet.HeaderLength..];
        if (ip[6] != Icmpv6)
        {
            problem = "not ICMPv6 (or behind an extension header)";
            return false;
        }

        if (ip[Ipv6HeaderLength] is not (NdpMessage.Solicitation or NdpMessage.Advertisement))
        {
            problem = $"ICMPv6 type {ip[Ipv6HeaderLength]}";
            return false;
        }

        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        if (frame.Length < IcmpOffset + 24)
        {
            problem = "truncated IPv6 neighbour discovery";
            return false;
        }

        if (payloadLength < 24 || Ipv6HeaderLength + payloadLength > ip.Length)
        {
            problem = $"IPv6 payload length {payloadLength} does not fit the frame";
            return false;
        }

        var icmp = ip.Slice(Ipv6HeaderLength, payloadLength);
        var type = icmp[0];
        if (ip[7] != HopLimit || icmp[1] != 0)
        {
            problem = "hop limit is not 255 or code is not 0 (RFC 4861 §7.1)";
            return false;
        }

        var source = Read(ip[8..]);
        var destination = Read(ip[24..]);
        if (Checksum(source, destination, icmp) != 0)
        {
            problem = "bad ICMPv6 checksum";
            return false;
        }

        var target = Read(icmp[8..]);
        if (target.Value >> 120 == 0xFF)
        {
            problem = "multicast target";
            return false;
        }

        MacAddress? linkLayer = null;
        var options = icmp[24..];
        while (options.Length > 0)
        {
            if (options.Length < 8 || options[1] == 0 || options[1] * 8 > options.Length)
            {
                problem = "malformed neighbour discovery option";
                return false;
            }

            var wanted = type == NdpMessage.Solicitation ? SourceLinkLayerOption : TargetLinkLayerOption;
            if (options[0] == wanted && options[1] == 1)
            {
                linkLayer = MacAddress.Read(options[2..]);
            }

            options = options[(options[1] * 8)..];
        }

        message = new NdpMessage(type, source, destination, target, linkLayer, type == NdpMessage.Advertisement ? (byte)(icmp[4] & 0xE0) : (byte)0,
            Ethernet.Source(frame), Ethernet.Destination(frame));
        problem = null;
        return true;
    }

    /// <summary>True when <see cref="TryRead"/> refused a frame because it is other traffic, not broken neighbour discovery.</summary>
    public static bool IsOtherTraffic(string? problem) =>
        problem is "not IPv6" or "not ICMPv6 (or behind an extension header)" || problem?.StartsWith("ICMPv6 type", StringComparison.Ordinal) == true;

    /// <summary>
    /// The answer to <paramref name="solicitation"/>: solicited and override, to the asker (or to all nodes for duplicate
    /// address detection, not solicited), with our link-layer address.
    /// </summary>
    public static int WriteReply(Span<byte> frame, NdpMessage solicitation, MacAddress mac, IpAddress ip)
    {
        var dad = solicitation.IsDuplicateAddressDetection;
        var destination = dad ? AllNodes : solicitation.Source;
        var frameDestination = dad ? MulticastMac(AllNodes) : solicitation.LinkLayer ?? solicitation.FrameSource;
        var flags = (byte)(NdpMessage.OverrideFlag | (dad ? 0 : NdpMessage.SolicitedFlag));
        return WriteAdvertisement(frame, frameDestination, mac, ip, destination, flags);
    }

    /// <summary>An unsolicited advertisement of <paramref name="ip"/> at <paramref name="mac"/> to all nodes, override set (RFC 4861 §7.2.6).</summary>
    public static int WriteUnsolicited(Span<byte> frame, MacAddress mac, IpAddress ip) =>
        WriteAdvertisement(frame, MulticastMac(AllNodes), mac, ip, AllNodes, NdpMessage.OverrideFlag);

    /// <summary>ff02::1:ffXX:XXXX, the solicited-node group of <paramref name="ip"/> (RFC 4291 §2.7.1).</summary>
    public static IpAddress SolicitedNodeGroup(IpAddress ip) =>
        IpAddress.V6(new UInt128(0xFF02_0000_0000_0000, 0x0000_0001_FF00_0000 | (ulong)(ip.Value & 0xFF_FFFF)));

    /// <summary>33:33 and the group's low 32 bits (RFC 2464 §7).</summary>
    public static MacAddress MulticastMac(IpAddress group) => new(0x3333_0000_0000 | (ulong)(group.Value & 0xFFFF_FFFF));

    private static int WriteAdvertisement(Span<byte> frame, MacAddress frameDestination, MacAddress mac, IpAddress source, IpAddress destination, byte flags)
    {
        if (source.IsV4 || destination.IsV4)
        {
            throw new ArgumentException("neighbour discovery carries IPv6 addresses only");
        }

        Ethernet.WriteHeader(frame, frameDestination, mac, Ethernet.Ipv6);
        var ip = frame[Ethernet.HeaderLength..];
        BinaryPrimitives.WriteUInt32BigEndian(ip, 0x6000_0000);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], 32);
        ip[6] = Icmpv6;
        ip[7] = HopLimit;
        Write(ip[8..], source);
        Write(ip[24..], destination);
        var icmp = ip.Slice(Ipv6HeaderLength, 32);
        icmp.Clear();
        icmp[0] = NdpMessage.Advertisement;
        icmp[4] = flags;
        Write(icmp[8..], source);
        icmp[24] = TargetLinkLayerOption;
        icmp[25] = 1;
        mac.Write(icmp[26..]);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum(source, destination, icmp));
        return AdvertisementLength;
    }

    /// <summary>The ICMPv6 checksum over the pseudo-header (RFC 8200 §8.1); over a message carrying its checksum it is 0.</summary>
    internal static ushort Checksum(IpAddress source, IpAddress destination, ReadOnlySpan<byte> icmp)
    {
        Span<byte> pseudo = stackalloc byte[40];
        Write(pseudo, source);
        Write(pseudo[16..], destination);
        BinaryPrimitives.WriteUInt32BigEndian(pseudo[32..], (uint)icmp.Length);
        BinaryPrimitives.WriteUInt32BigEndian(pseudo[36..], Icmpv6);
        var sum = Sum(pseudo, 0);
        sum = Sum(icmp, sum);
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static uint Sum(ReadOnlySpan<byte> data, uint sum)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }

        return sum;
    }

    private static IpAddress Read(ReadOnlySpan<byte> bytes) => IpAddress.V6(BinaryPrimitives.ReadUInt128BigEndian(bytes));

    private static void Write(Span<byte> bytes, IpAddress ip) => BinaryPrimitives.WriteUInt128BigEndian(bytes, ip.Value);
}
