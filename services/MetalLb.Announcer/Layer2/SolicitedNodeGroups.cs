using System.Net;
using System.Net.Sockets;
using MetalLb.Domain.Net;
using MetalLb.Layer2.Codecs;
using MetalLb.Layer2.Interfaces;

namespace MetalLb.Announcer.Layer2;

/// <summary>
/// Joins the solicited-node multicast group of each announced IPv6 address on each interface it is announced on
/// (reference counted: IPs sharing a group share the membership), so MLD-snooping switches deliver the solicitations.
/// </summary>
internal sealed class SolicitedNodeGroups : IDisposable
{
    private readonly Dictionary<(string Interface, IpAddress Group), (Socket Socket, int Count)> _joined = [];

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

            var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership,
                    new IPv6MulticastOption(IPAddress.Parse(key.Item2.ToString()), SysfsInterfaces.IndexOf(@interface)));
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            _joined[key] = (socket, 1);
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
            entry.Socket.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_joined)
        {
            foreach (var entry in _joined.Values)
            {
                entry.Socket.Dispose();
            }

            _joined.Clear();
        }
    }
}
