using System.Collections.Concurrent;
using MetalLb.Domain.Net;
using MetalLb.Layer2.Codecs;

namespace MetalLb.Layer2.Responder;

/// <summary>
/// The ARP/NDP responder of one interface: answers requests and solicitations only for the IPs claimed on it, with the
/// interface's MAC, and notices other stations claiming them. Pure: frames in, frames out; the capture adapter sends
/// them. Thread-safe; a malformed frame is counted and ignored, never an exception.
/// </summary>
public sealed class L2Responder(string interfaceName, MacAddress mac, L2Counters counters)
{
    private readonly ConcurrentDictionary<IpAddress, byte> _owned = new();

    /// <summary>Raised (on the capture thread) when another MAC claims an owned IP.</summary>
    public event Action<L2Conflict>? Conflict;

    public string Interface => interfaceName;

    public MacAddress Mac => mac;

    public IReadOnlyCollection<IpAddress> Owned => [.. _owned.Keys];

    public bool Owns(IpAddress ip) => _owned.ContainsKey(ip);

    public void Claim(IpAddress ip) => _owned[ip] = 0;

    public bool Release(IpAddress ip) => _owned.TryRemove(ip, out _);

    /// <summary>Handles one received frame; returns the length of the reply written to <paramref name="reply"/>, 0 for none.</summary>
    /// <param name="frame">The frame as captured.</param>
    /// <param name="reply">At least <see cref="NdpCodec.AdvertisementLength"/> bytes.</param>
    public int Handle(ReadOnlySpan<byte> frame, Span<byte> reply)
    {
        if (frame.Length < Ethernet.HeaderLength)
        {
            counters.MalformedFrame();
            return 0;
        }

        if (Ethernet.Source(frame) == mac)
        {
            return 0;
        }

        return Ethernet.EtherType(frame) switch
        {
            Ethernet.Arp => HandleArp(frame, reply),
            Ethernet.Ipv6 => HandleNdp(frame, reply),
            _ => 0,
        };
    }

    /// <summary>Writes the announcements of a takeover for <paramref name="ip"/>: for IPv4 a gratuitous ARP request, then a reply; for IPv6 one unsolicited NA.</summary>
    /// <returns>The frames, each its own array.</returns>
    public IReadOnlyList<byte[]> Gratuitous(IpAddress ip)
    {
        if (ip.IsV4)
        {
            var request = new byte[ArpCodec.FrameLength];
            var replyFrame = new byte[ArpCodec.FrameLength];
            ArpCodec.WriteGratuitous(request, ArpOperation.Request, mac, ip);
            ArpCodec.WriteGratuitous(replyFrame, ArpOperation.Reply, mac, ip);
            counters.Gratuitous(ip);
            return [request, replyFrame];
        }

        var na = new byte[NdpCodec.AdvertisementLength];
        NdpCodec.WriteUnsolicited(na, mac, ip);
        counters.Gratuitous(ip);
        return [na];
    }

    private int HandleArp(ReadOnlySpan<byte> frame, Span<byte> reply)
    {
        if (!ArpCodec.TryRead(frame, out var arp, out _))
        {
            counters.MalformedFrame();
            return 0;
        }

        if (Owns(arp.SenderIp) && arp.SenderMac != mac && (arp.Operation == ArpOperation.Reply || arp.IsGratuitous))
        {
            Report(arp.SenderIp, arp.SenderMac, arp.Operation == ArpOperation.Reply ? "ARP reply" : "gratuitous ARP");
            return 0;
        }

        // Only requests to everyone or to this interface, as MetalLB answers (METALLB-SPEC §5.3).
        if (arp.Operation != ArpOperation.Request || !Owns(arp.TargetIp) || arp.IsGratuitous
            || (arp.FrameDestination != MacAddress.Broadcast && arp.FrameDestination != mac))
        {
            return 0;
        }

        counters.Request(arp.TargetIp);
        var length = ArpCodec.WriteReply(reply, arp, mac, arp.TargetIp);
        counters.Response(arp.TargetIp);
        return length;
    }

    private int HandleNdp(ReadOnlySpan<byte> frame, Span<byte> reply)
    {
        if (!NdpCodec.TryRead(frame, out var ndp, out var problem))
        {
            // Other IPv6 traffic is none of our business; only broken neighbour discovery counts as malformed.
            if (!NdpCodec.IsOtherTraffic(problem))
            {
                counters.MalformedFrame();
            }

            return 0;
        }

        if (!Owns(ndp.Target))
        {
            return 0;
        }

        if (ndp.Type == NdpMessage.Advertisement)
        {
            var foreign = ndp.LinkLayer ?? ndp.FrameSource;
            if (foreign != mac)
            {
                Report(ndp.Target, foreign, "neighbour advertisement");
            }

            return 0;
        }

        counters.Request(ndp.Target);
        var length = NdpCodec.WriteReply(reply, ndp, mac, ndp.Target);
        counters.Response(ndp.Target);
        return length;
    }

    private void Report(IpAddress ip, MacAddress foreign, string evidence)
    {
        counters.Conflict(ip);
        Conflict?.Invoke(new L2Conflict(interfaceName, ip, foreign, evidence));
    }
}
