using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Codec;

/// <summary>NLRI prefixes as RFC 4271 §4.3 encodes them: a length in bits, then only the octets that length needs.</summary>
internal static class PrefixCodec
{
    /// <summary>Reads prefixes until <paramref name="data"/> is used up; false when a length is too long or overruns.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, IpFamily family, List<IpPrefix> into)
    {
        var bits = family == IpFamily.V4 ? 32 : 128;
        var at = 0;
        while (at < data.Length)
        {
            int length = data[at++];
            var octets = (length + 7) / 8;
            if (length > bits || at + octets > data.Length)
            {
                return false;
            }

            UInt128 value = 0;
            for (var i = 0; i < octets; i++)
            {
                value |= (UInt128)data[at + i] << (bits - 8 - (8 * i));
            }

            into.Add(IpPrefix.Create(IpAddress.FromValue(value, family), length));
            at += octets;
        }

        return true;
    }

    public static void Write(ByteSink sink, IpPrefix prefix)
    {
        var bits = prefix.Network.BitLength;
        sink.Byte((byte)prefix.Length);
        for (var i = 0; i < (prefix.Length + 7) / 8; i++)
        {
            sink.Byte((byte)(prefix.Network.Value >> (bits - 8 - (8 * i))));
        }
    }

    public static void Write(ByteSink sink, IpAddress address)
    {
        for (var i = address.BitLength - 8; i >= 0; i -= 8)
        {
            sink.Byte((byte)(address.Value >> i));
        }
    }

    public static IpAddress ReadAddress(ReadOnlySpan<byte> data)
    {
        UInt128 value = 0;
        foreach (var b in data)
        {
            value = (value << 8) | b;
        }

        return IpAddress.FromValue(value, data.Length == 4 ? IpFamily.V4 : IpFamily.V6);
    }
}
