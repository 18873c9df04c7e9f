using System.Buffers.Binary;

namespace MetalLb.Layer2.Codecs;

/// <summary>The Ethernet II header: destination, source, EtherType (no 802.1Q tag: the kernel strips it on a VLAN interface).</summary>
public static class Ethernet
{
    public const int HeaderLength = 14;
    public const ushort Arp = 0x0806;
    public const ushort Ipv6 = 0x86DD;

    public static MacAddress Destination(ReadOnlySpan<byte> frame) => MacAddress.Read(frame);

    public static MacAddress Source(ReadOnlySpan<byte> frame) => MacAddress.Read(frame[6..]);

    public static ushort EtherType(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);

    public static void WriteHeader(Span<byte> frame, MacAddress destination, MacAddress source, ushort etherType)
    {
        destination.Write(frame);
        source.Write(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], etherType);
    }
}
