using System.Net;
using System.Net.Sockets;
using MetalLb.Domain.Net;
using MetalLb.Layer2.Codecs;
using MetalLb.Layer2.Interfaces;

namespace MetalLb.Announcer.Layer2;

/// <summary>
/// Joins the solicited-node multicast group of each announced IPv6 address on each interface it is announced on
/// (reference counted: IPs sharing a group share the membership), so MLD-snooping switches deliver the solicitations.
/// Memberships share sockets, up to <see cref="PerSocket"/> each (the kernel bounds one socket's memberships by
/// <c>net.core.optmem_max</c>), so 10,000 addresses take a handful of file descriptors, not 10,000.
/// </summary>
internal sealed class SolicitedNodeGroups : IDisposable
{
    public const int PerSocket = 1000;

    private readonly Dictionary<(string Interface, IpAddress Group), (Bucket Bucket, int Count)> _joined = [];
    private readonly List<Bucket> _buckets = [];

    /// <summary>The sockets open now.</summary>
    public int Sockets
    {
        get
        {
            lock (_joined)
            {
                return _buckets.Count;
            }
        }
    }

    public void Join(string @interface, IpAddress ip)
    {
        var key = (@interface, NdpCodec.SolicitedNodeGroup(ip));
        lock (_joined)
        {
            if (_joined.TryGetValue(key, out var entry))
            {
                _joined[key] = entry with { Count = entry.Count + 1 };
                return;
            }

            var bucket = _buckets.FirstOrDefault(b => b.Memberships < PerSocket);
            var created = bucket is null;
            bucket ??= new Bucket(new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp));
            try
            {
                bucket.Socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, Option(key));
            }
            catch
            {
                if (created)
                {
                    bucket.Socket.Dispose();
                }

                throw;
            }

            if (created)
            {
                _buckets.Add(bucket);
            }

            bucket.Memberships++;
            _joined[key] = (bucket, 1);
        }
    }

    public void Leave(string @interface, IpAddress ip)
    {
        var key = (@interface, NdpCodec.SolicitedNodeGroup(ip));
        lock (_joined)
        {
            if (!_joined.TryGetValue(key, out var entry))
            {
                return;
            }

            if (entry.Count > 1)
            {
                _joined[key] = entry with { Count = entry.Count - 1 };
                return;
            }

            _joined.Remove(key);
            var bucket = entry.Bucket;
            try
            {
                bucket.Socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.DropMembership, Option(key));
            }
            catch (SocketException)
            {
                // The interface is gone, and the membership with it.
            }

            if (--bucket.Memberships == 0)
            {
                _buckets.Remove(bucket);
                bucket.Socket.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_joined)
        {
            foreach (var bucket in _buckets)
            {
                bucket.Socket.Dispose();
            }

            _buckets.Clear();
            _joined.Clear();
        }
    }

    private static IPv6MulticastOption Option((string Interface, IpAddress Group) key) =>
        new(IPAddress.Parse(key.Group.ToString()), SysfsInterfaces.IndexOf(key.Interface));

    private sealed class Bucket(Socket socket)
    {
        public Socket Socket { get; } = socket;

        public int Memberships { get; set; }
    }
}
