using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace MetalLb.Bgp.Speaker;

/// <summary>
/// TCP-MD5 signatures (RFC 2385) on Linux: <c>setsockopt(IPPROTO_TCP, TCP_MD5SIG)</c> with a <c>struct tcp_md5sig</c>
/// naming the peer and the key. It must be set before connect: the SYN is already signed.
/// </summary>
internal static class TcpMd5
{
    public const int MaxKeyLength = 80;
    private const int IpProtoTcp = 6;
    private const int TcpMd5Sig = 14;

    // struct tcp_md5sig { sockaddr_storage addr (128); u8 flags; u8 prefixlen; u16 keylen; u32 ifindex; u8 key[80]; }
    private const int StructLength = 128 + 1 + 1 + 2 + 4 + MaxKeyLength;
    private const int KeyLengthAt = 130;
    private const int KeyAt = 136;

    public static void Apply(Socket socket, IPAddress peer, string password)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("TCP-MD5 passwords need Linux (TCP_MD5SIG)");
        }

        var key = Encoding.UTF8.GetBytes(password);
        if (key.Length is 0 or > MaxKeyLength)
        {
            throw new ArgumentException($"a TCP-MD5 password has 1 to {MaxKeyLength} octets, this one {key.Length}", nameof(password));
        }

        socket.SetRawSocketOption(IpProtoTcp, TcpMd5Sig, Build(peer, key));
    }

    /// <summary>The option value; sockaddr fields in the kernel's layout (family in host order, port and address in network order).</summary>
    public static byte[] Build(IPAddress peer, ReadOnlySpan<byte> key)
    {
        var value = new byte[StructLength];
        var family = peer.AddressFamily == AddressFamily.InterNetwork ? (ushort)2 : (ushort)10;
        MemoryMarshal.Write(value, in family);
        if (family == 2)
        {
            peer.TryWriteBytes(value.AsSpan(4, 4), out _);
        }
        else
        {
            peer.TryWriteBytes(value.AsSpan(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(value.AsSpan(24), (uint)peer.ScopeId);
        }

        var keyLength = (ushort)key.Length;
        MemoryMarshal.Write(value.AsSpan(KeyLengthAt), in keyLength);
        key.CopyTo(value.AsSpan(KeyAt));
        return value;
    }
}
