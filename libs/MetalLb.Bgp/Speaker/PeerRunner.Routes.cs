using System.Net;
using System.Net.Sockets;
using MetalLb.Bgp.Messages;
using MetalLb.Bgp.Session;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Speaker;

/// <summary>Routes on an established session: the whole table and End-of-RIB when it comes up, then incremental UPDATEs.</summary>
internal sealed partial class PeerRunner
{
    private OutboundSession? _outbound;
    private IpFamily[] _families = [];
    private bool _endOfRibDue;
    private long _established;
    private long _lost;

    private void OnUp(NegotiatedSession negotiated)
    {
        _established++;
        _codec = negotiated.CodecOptions;
        var local = _connection!.Local.Address;
        var nextHopV4 = local.AddressFamily == AddressFamily.InterNetwork ? local : LocalAddresses.OnSameInterface(local, AddressFamily.InterNetwork);
        var nextHopV6 = local.AddressFamily == AddressFamily.InterNetworkV6 ? local : LocalAddresses.OnSameInterface(local, AddressFamily.InterNetworkV6);
        _outbound = new OutboundSession(_peer.LocalAsn, _peer.IsInternal, ToDomain(nextHopV4), ToDomain(nextHopV6), _codec);
        _families = [.. negotiated.Families.Where(f => f.Safi == Safi.Unicast && f.Afi is Afi.Ipv4 or Afi.Ipv6)
            .Select(f => f.Afi == Afi.Ipv4 ? IpFamily.V4 : IpFamily.V6)];
        foreach (var family in _families.Where(f => _outbound.NextHop(f) is null))
        {
            LogNoNextHop(_logger, _peer.Name, family.ToString());
        }

        _rib.SessionUp();
        _endOfRibDue = true;
        LogUp(_logger, _peer.Name, _peer.Endpoint, local, negotiated.HoldTime, _families);
    }

    private void OnDown(string reason)
    {
        if (_outbound is not null)
        {
            _lost++;
            LogDown(_logger, _peer.Name, _peer.Endpoint, reason);
        }
        else
        {
            LogNotUp(_logger, _peer.Name, _peer.Endpoint, reason);
        }

        _outbound = null;
        _families = [];
        _endOfRibDue = false;
        _codec = Codec.BgpCodecOptions.Default;
        _rib.SessionDown();
    }

    /// <summary>
    /// Encodes the Adj-RIB-Out's differences unless a write is in flight: changes made meanwhile wait and collapse
    /// into the next batch. The first batch of a session is the whole table, followed by End-of-RIB per family.
    /// </summary>
    private void SendChanges()
    {
        if (_outbound is null || _writing || _session.State != SessionState.Established)
        {
            return;
        }

        foreach (var family in _families.Where(f => _outbound.NextHop(f) is not null))
        {
            var (announce, withdraw) = _rib.Take(family);
            foreach (var update in UpdatePacker.Withdraw(family, withdraw))
            {
                Encode(update);
            }

            foreach (var update in UpdatePacker.Announce(_outbound, family, announce))
            {
                Encode(update);
            }
        }

        if (_endOfRibDue)
        {
            _endOfRibDue = false;
            foreach (var family in _families)
            {
                Encode(UpdatePacker.EndOfRib(family));
            }
        }
    }

    private static IpAddress? ToDomain(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        UInt128 value = 0;
        foreach (var b in bytes[..written])
        {
            value = (value << 8) | b;
        }

        return IpAddress.FromValue(value, written == 4 ? IpFamily.V4 : IpFamily.V6);
    }
}
