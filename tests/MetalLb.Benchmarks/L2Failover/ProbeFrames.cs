using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;

namespace MetalLb.Benchmarks.L2Failover;

/// <summary>Builds the probes the client sends: a broadcast ARP request, or a neighbour solicitation to the target's solicited-node group.</summary>
internal static class ProbeFrames
{
    public static byte[] Build(PhysicalAddress mac, IPAddress ipv4, IPAddress ipv6, IPAddress target) =>
        target.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? ArpRequest(mac, ipv4, target) : Solicitation(mac, ipv6, target);

    private static byte[] ArpRequest(PhysicalAddress mac, IPAddress ipv4, IPAddress target)
    {
        var f = new byte[60];
        var m = mac.GetAddressBytes();
        f.AsSpan(0, 6).Fill(0xff);
        m.CopyTo(f, 6);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12), 0x0806);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(16), 0x0800);
        f[18] = 6;
        f[19] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(20), 1);
        m.CopyTo(f, 22);
        ipv4.GetAddressBytes().CopyTo(f, 28);
        target.GetAddressBytes().CopyTo(f, 38);
        return f;
    }

    /// <summary>RFC 4861 §4.3 with a source link-layer address option; checksum over the RFC 8200 §8.1 pseudo-header.</summary>
    private static byte[] Solicitation(PhysicalAddress mac, IPAddress ipv6, IPAddress target)
    {
        var f = new byte[86];
        var m = mac.GetAddressBytes();
        var t = target.GetAddressBytes();
        byte[] group = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, t[13], t[14], t[15]];
        byte[] dst = [0x33, 0x33, 0xff, t[13], t[14], t[15]];
        dst.CopyTo(f, 0);
        m.CopyTo(f, 6);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12), 0x86dd);
        f[14] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(18), 32);
        f[20] = 58;
        f[21] = 255;
        ipv6.GetAddressBytes().CopyTo(f, 22);
        group.CopyTo(f, 38);
        f[54] = 135;
        t.CopyTo(f, 62);
        f[78] = 1;
        f[79] = 1;
        m.CopyTo(f, 80);

        var sum = 0L;
        for (var i = 22; i < 54; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(i));
        }

        sum += 32 + 58;
        for (var i = 54; i < 86; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(i));
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(56), (ushort)~sum);
        return f;
    }
}
