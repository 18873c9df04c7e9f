using System.Net;
using System.Net.Sockets;
using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Speaker;
using MetalLb.Domain.Net;
using MetalLb.Domain.Validation;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Announcer.Bgp;

/// <summary>
/// Turns the allocator's peers and routes into the native speaker's terms. What the native speaker cannot do
/// (METALLB-SPEC §6.2: unnumbered peers, dynamic ASNs, VRFs, BFD) is refused per peer, with the reason as its status,
/// rather than half-done. The keepalive and connect times are FRR-only settings: the native speaker sends keepalives
/// at a third of the hold time and uses its own capped back-off.
/// </summary>
internal static class NativePeerMapper
{
    public static NativePeerPlan Plan(ResolvedPeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var config = peer.Config;
        var parsed = IPAddress.TryParse(config.Address, out var address);
        var endpoint = parsed && config.Port is >= 1 and <= ushort.MaxValue
            ? new IPEndPoint(address!, config.Port).ToString()
            : $"{config.Address ?? config.Interface}:{config.Port}";
        NativePeerPlan Refuse(string problem) => new(config.Name, endpoint, null, problem);

        if (config.PasswordProblem is { } passwordProblem)
        {
            return Refuse($"password: {passwordProblem}; the session is not attempted");
        }

        if (config.Address is null)
        {
            return Refuse($"unnumbered BGP (interface {config.Interface}) is not supported by the native speaker");
        }

        if (config.PeerAsn is not { } peerAsn)
        {
            return Refuse($"dynamicASN {config.DynamicAsn} is not supported by the native speaker");
        }

        if (!string.IsNullOrEmpty(config.Vrf))
        {
            return Refuse($"vrf {config.Vrf} is not supported by the native speaker");
        }

        if (!string.IsNullOrEmpty(config.BfdProfile))
        {
            return Refuse($"BFD (profile {config.BfdProfile}) is not supported by the native speaker");
        }

        if (!parsed)
        {
            return Refuse($"peer address {config.Address} is not an IP address");
        }

        IPAddress? source = null;
        if (config.SourceAddress is { } sourceText && !IPAddress.TryParse(sourceText, out source))
        {
            return Refuse($"source address {sourceText} is not an IP address");
        }

        IPAddress? routerId = null;
        if (config.RouterId is { } idText && (!IPAddress.TryParse(idText, out routerId) || routerId.AddressFamily != AddressFamily.InterNetwork))
        {
            return Refuse($"router ID {idText} is not an IPv4 address");
        }

        var hold = config.HoldTime is { } h ? TimeSpan.FromSeconds(Math.Floor(h.TotalSeconds)) : (TimeSpan?)null;
        if (hold is { TotalSeconds: 1 or 2 } || hold?.TotalSeconds > ushort.MaxValue || config.Port is < 1 or > ushort.MaxValue)
        {
            return Refuse($"hold time {config.HoldTime} or port {config.Port} out of range (hold 0 or 3-65535 s)");
        }

        return new NativePeerPlan(config.Name, endpoint, new BgpPeerOptions(config.Name, address!, config.LocalAsn ?? config.MyAsn, peerAsn)
        {
            Port = config.Port,
            SourceAddress = source,
            RouterId = routerId,
            HoldTime = hold,
            Password = string.IsNullOrEmpty(peer.Password) ? null : peer.Password,
            EbgpMultiHop = config.EbgpMultiHop,
            DualStack = config.DualStackAddressFamily,
            GracefulRestart = config.EnableGracefulRestart,
        }, null);
    }

    /// <summary>The route's prefix and attributes; LOCAL_PREF 0 means none, communities are <c>A:B</c> or <c>large:A:B:C</c>.</summary>
    public static BgpRoute Route(RouteAdvertisement route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (!IpPrefix.TryParse(route.Prefix, out var prefix))
        {
            throw new FormatException($"route {route.Prefix} for {route.Peer}: not a CIDR prefix");
        }

        var standard = new List<Community>();
        var large = new List<LargeCommunity>();
        foreach (var text in route.Communities)
        {
            if (!BgpCommunityParser.TryParse(text, out var community, out var error))
            {
                throw new FormatException($"route {route.Prefix} for {route.Peer}: {error}");
            }

            if (community.IsLarge)
            {
                large.Add(new LargeCommunity(community.Global, community.Data1, community.Data2));
            }
            else
            {
                standard.Add(new Community(community.StandardValue));
            }
        }

        uint? localPref = route.LocalPref switch
        {
            0 => null,
            > 0 and <= uint.MaxValue => (uint)route.LocalPref,
            _ => throw new FormatException($"route {route.Prefix} for {route.Peer}: LOCAL_PREF {route.LocalPref} out of range"),
        };
        return new BgpRoute(prefix, new RouteAttributes(localPref, standard, large));
    }

    public static BgpPeerState State(BgpPeerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new BgpPeerState(status.Name, status.Endpoint, status.Up, status.LastError, status.Announced, status.Pending, status.UpdatesSent);
    }
}
