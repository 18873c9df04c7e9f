using System.Net;
using System.Net.Sockets;
using System.Text;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Announcer.Frr;

public static partial class FrrConfigRenderer
{
    /// <summary>The longest TCP-MD5 key Linux takes (TCP_MD5SIG_MAXKEYLEN).</summary>
    private const int MaxPasswordLength = 80;

    /// <summary>
    /// Groups the peers into one BGP instance per VRF. FRR cannot give peers of one instance different ASNs or router
    /// ids, nor hold two sessions to one address in it (MetalLB's FRR-mode limits, METALLB-SPEC §6.2): the first peer
    /// by name sets the instance, and a peer that disagrees is left out with the reason.
    /// </summary>
    private static List<FrrRouter> BuildRouters(IReadOnlyList<ResolvedPeer> peers, List<FrrSkippedPeer> skipped, List<string> problems)
    {
        var routers = new List<FrrRouter>();
        foreach (var vrf in peers.GroupBy(p => p.Config.Vrf ?? "", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            uint? asn = null;
            string? routerId = null;
            var neighbors = new List<FrrNeighbor>();
            foreach (var peer in vrf.OrderBy(p => p.Config.Name, StringComparer.Ordinal))
            {
                var neighbor = Neighbor(peer, out var reason);
                if (neighbor is null)
                {
                    skipped.Add(new FrrSkippedPeer(peer.Config.Name, reason!));
                    continue;
                }

                var clash = neighbors.FirstOrDefault(n => n.Key == neighbor.Key);
                if (asn is { } a && a != peer.Config.MyAsn)
                {
                    skipped.Add(new FrrSkippedPeer(peer.Config.Name,
                        $"myASN {peer.Config.MyAsn} differs from {a} of peer {neighbors[0].Peer.Config.Name} in the same VRF (FRR runs one BGP instance per VRF)"));
                }
                else if (routerId is not null && peer.Config.RouterId is { } id && id != routerId)
                {
                    skipped.Add(new FrrSkippedPeer(peer.Config.Name,
                        $"routerID {id} differs from {routerId} of another peer in the same VRF (FRR uses one router id per BGP instance)"));
                }
                else if (clash is not null)
                {
                    skipped.Add(new FrrSkippedPeer(peer.Config.Name, $"peer {clash.Peer.Config.Name} has the same address in the same VRF"));
                }
                else
                {
                    asn = peer.Config.MyAsn;
                    routerId ??= peer.Config.RouterId;
                    neighbors.Add(neighbor);
                    CheckSettings(peer, problems);
                }
            }

            if (neighbors.Count > 0)
            {
                routers.Add(new FrrRouter(vrf.Key, asn!.Value, routerId, neighbors));
            }
        }

        return routers;
    }

    private static FrrNeighbor? Neighbor(ResolvedPeer peer, out string? reason)
    {
        var c = peer.Config;
        reason = c switch
        {
            { PasswordProblem: { } problem } => $"its password cannot be used: {problem}",
            _ when !FrrTokens.IsWord(c.Name) => "the name is not one word",
            { Address: null, Interface: null } => "neither an address nor an interface",
            { Address: { } a } when !IPAddress.TryParse(a, out _) => $"address \"{a}\" is not an IP address",
            { Address: null, Interface: { } i } when !FrrTokens.IsWord(i) => $"interface \"{i}\" is not one word",
            { Vrf: { Length: > 0 } v } when !FrrTokens.IsWord(v) => $"VRF \"{v}\" is not one word",
            { PeerAsn: null, DynamicAsn: not ("internal" or "external") } => "neither peerASN nor dynamicASN internal/external",
            { Port: < 1 or > 65535 } => $"port {c.Port} is out of range",
            { SourceAddress: { } s } when !IPAddress.TryParse(s, out _) => $"sourceAddress \"{s}\" is not an IP address",
            { RouterId: { } r } when !IPAddress.TryParse(r, out var id) || id.AddressFamily != AddressFamily.InterNetwork =>
                $"routerID \"{r}\" is not an IPv4 address",
            _ when peer.Password is { } p && (!FrrTokens.IsWord(p) || p.Length > MaxPasswordLength) =>
                $"the password must be one word of at most {MaxPasswordLength} characters without spaces",
            _ => null,
        };
        if (reason is not null)
        {
            return null;
        }

        var remoteAs = c.DynamicAsn ?? c.PeerAsn!.Value.ToString();
        if (c.Address is { } address)
        {
            var ip = IPAddress.Parse(address);
            var v6 = ip.AddressFamily == AddressFamily.InterNetworkV6;
            return new FrrNeighbor(peer, ip.ToString(), IsInterface: false, remoteAs, V4: !v6 || c.DualStackAddressFamily, V6: v6 || c.DualStackAddressFamily);
        }

        // An unnumbered session runs over the interface's IPv6 link-local address and carries both families.
        return new FrrNeighbor(peer, c.Interface!, IsInterface: true, remoteAs, V4: true, V6: true);
    }

    private static void CheckSettings(ResolvedPeer peer, List<string> problems)
    {
        var c = peer.Config;
        if (FrrTimers.From(c.HoldTime, c.KeepaliveTime) is { IsValid: false } timers)
        {
            problems.Add($"peer {c.Name}: timers keepalive {timers.Keepalive} s hold {timers.Hold} s are out of FRR's range; FRR's defaults apply");
        }

        if (c.ConnectTime is { } connect && (long)connect.TotalSeconds is < 1 or > 65535)
        {
            problems.Add($"peer {c.Name}: connectTime {connect} is out of FRR's range (1-65535 s); FRR's default applies");
        }

        if (c.BfdProfile is { } profile && !FrrTokens.IsWord(profile))
        {
            problems.Add($"peer {c.Name}: BFD profile \"{profile}\" is not one word; BFD is off for this peer");
        }
    }

    private static void WriteNeighbor(StringBuilder text, FrrNeighbor neighbor)
    {
        var c = neighbor.Peer.Config;
        var n = $" neighbor {neighbor.Key}";
        Line(text, neighbor.IsInterface ? $"{n} interface remote-as {neighbor.RemoteAs}" : $"{n} remote-as {neighbor.RemoteAs}");
        Line(text, $"{n} description {c.Name}");

        // FRR leaves the default port out of its running configuration; writing it would never compare equal.
        if (c.Port != 179)
        {
            Line(text, $"{n} port {c.Port}");
        }

        if (neighbor.Peer.Password is { } password)
        {
            Line(text, $"{n} password {password}");
        }

        // FRR writes the TTL it uses (255) back; written the same way, a reload has nothing to change.
        if (c.EbgpMultiHop)
        {
            Line(text, $"{n} ebgp-multihop 255");
        }

        // MetalLB (PR #1367): a single-hop IPv6 eBGP session whose address FRR does not see on a connected prefix (a
        // DHCPv6 /128) never comes up with FRR's connected check (FRRouting/frr#11185).
        if (!neighbor.IsInterface && !c.EbgpMultiHop && IPAddress.Parse(neighbor.Key).AddressFamily == AddressFamily.InterNetworkV6
            && (c.DynamicAsn == "external" || (c.DynamicAsn is null && c.PeerAsn != (c.LocalAsn ?? c.MyAsn))))
        {
            Line(text, $"{n} disable-connected-check");
        }

        if (c.SourceAddress is { } source)
        {
            Line(text, $"{n} update-source {IPAddress.Parse(source)}");
        }

        if (FrrTimers.From(c.HoldTime, c.KeepaliveTime) is { IsValid: true } timers)
        {
            Line(text, $"{n} timers {timers.Keepalive} {timers.Hold}");
        }

        if (c.ConnectTime is { } connect && (long)connect.TotalSeconds is >= 1 and <= 65535)
        {
            Line(text, $"{n} timers connect {(long)connect.TotalSeconds}");
        }

        if (c.LocalAsn is { } localAs)
        {
            Line(text, $"{n} local-as {localAs} no-prepend replace-as");
        }

        // "bfd profile" turns BFD on by itself, but FRR then shows "neighbor X bfd" too; written out, a reload has nothing to remove.
        if (c.BfdProfile is { } profile && FrrTokens.IsWord(profile))
        {
            Line(text, $"{n} bfd");
            Line(text, $"{n} bfd profile {profile}");
        }

        if (c.EnableGracefulRestart)
        {
            Line(text, $"{n} graceful-restart");
        }
    }
}
