using System.Buffers.Binary;
using System.Net;
using MetalLb.TestSupport.Network;

namespace MetalLb.Benchmarks.L2Failover;

/// <summary>
/// A captured ARP or NDP frame, decoded: for ARP the sender and target protocol addresses, for NS/NA the IPv6
/// destination and the ND target. Gratuitous ARP has sender = target; an unsolicited NA has the S flag clear.
/// </summary>
internal sealed record WireFrame(long Nanos, string SourceMac, WireKind Kind, string SenderIp, string TargetIp, string Destination, bool Solicited)
{
    public bool IsGratuitousArp => Kind is WireKind.ArpRequest or WireKind.ArpReply && SenderIp == TargetIp;

    public static WireFrame Decode(CapturedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var d = frame.Data;
        if (d.Length < 14)
        {
            return Other(frame);
        }

        var source = Mac(d.AsSpan(6, 6));
        var type = BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(12));
        if (type == 0x0806 && d.Length >= 42)
        {
            var op = BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(20));
            var kind = op switch { 1 => WireKind.ArpRequest, 2 => WireKind.ArpReply, _ => WireKind.Other };
            var target = new IPAddress(d.AsSpan(38, 4)).ToString();
            return new WireFrame(frame.UnixNanoseconds, source, kind, new IPAddress(d.AsSpan(28, 4)).ToString(), target, target, false);
        }

        if (type == 0x86dd && d.Length >= 78 && d[20] == 58 && d[54] is 135 or 136)
        {
            var kind = d[54] == 135 ? WireKind.NeighborSolicitation : WireKind.NeighborAdvertisement;
            return new WireFrame(
                frame.UnixNanoseconds, source, kind, new IPAddress(d.AsSpan(22, 16)).ToString(), new IPAddress(d.AsSpan(62, 16)).ToString(),
                new IPAddress(d.AsSpan(38, 16)).ToString(), kind == WireKind.NeighborAdvertisement && (d[58] & 0x40) != 0);
        }

        return Other(frame);
    }

    private static WireFrame Other(CapturedFrame frame) => new(frame.UnixNanoseconds, "", WireKind.Other, "", "", "", false);

    private static string Mac(ReadOnlySpan<byte> bytes) =>
        string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
