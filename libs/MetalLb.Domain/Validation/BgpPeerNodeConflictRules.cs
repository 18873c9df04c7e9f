using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Validation;

/// <summary>
/// Rules R16–R18 between BGPPeers that can run on the same node: one session per neighbour (both backends), and in
/// FRR mode one routerID per node and one myASN per VRF (METALLB-SPEC §4.3, §6.2).
/// </summary>
/// <remarks>
/// MetalLB allows two native sessions from one node to the same neighbour; they collide at the neighbour (one
/// TCP connection per address pair and port), so this project rejects them in native mode too. Each later peer
/// (by name) is reported once per rule, against the first earlier peer it conflicts with.
/// </remarks>
public static class BgpPeerNodeConflictRules
{
    private const int DefaultPort = 179;

    /// <summary>Reports conflicts; returns the indexes (into <paramref name="peers"/>) of the peers reported.</summary>
    public static IReadOnlySet<int> Check(ValidationContext ctx, IReadOnlyList<(BgpPeer Object, Peer Peer)> peers)
    {
        var rejected = new HashSet<int>();
        if (peers.Count < 2)
        {
            return rejected;
        }

        var overlap = new BgpPeerNodeOverlap(peers.Select(p => p.Peer).ToArray(), ctx.Source.Nodes);
        var keys = peers.Select(p => SessionKey(ctx, p.Peer)).ToArray();

        // Only peers with the same session key can be duplicates, and routerID/myASN can only clash when the
        // input holds more than one value of them: bucket first, so the common case is linear, not quadratic.
        var earlierByKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var idsDiffer = !ctx.IsNative && peers.Select(p => p.Peer.RouterId).Distinct().Skip(1).Any();
        var asnsDiffer = !ctx.IsNative && peers.Select(p => (p.Peer.Vrf ?? "", p.Peer.MyAsn)).Distinct().Skip(1).Any();
        for (var b = 0; b < peers.Count; b++)
        {
            var (obj, peer) = peers[b];
            if (!earlierByKey.TryGetValue(keys[b], out var sameKey))
            {
                earlierByKey[keys[b]] = sameKey = [];
            }

            var duplicate = false;
            foreach (var a in sameKey)
            {
                if (overlap.Overlap(a, b, out var node))
                {
                    duplicate = true;
                    var reason = ctx.IsNative
                        ? "duplicate BGPPeers selecting the same node are not supported"
                        : "FRR mode doesn't support duplicate BGPPeers selecting the same node";
                    ctx.Error(obj, peer.Interface is null ? "spec.peerAddress" : "spec.interface",
                        $"peer {DisplayId(ctx, peer)} already exists, {reason}{Where(peers[a].Object, obj, node)}");
                    break;
                }
            }

            sameKey.Add(b);
            var (routerId, myAsn) = idsDiffer || asnsDiffer ? CheckFrrIdentity(ctx, peers, overlap, b) : (false, false);
            if (duplicate || routerId || myAsn)
            {
                rejected.Add(b);
            }
        }

        return rejected;
    }

    /// <summary>R16 and R18: peer <paramref name="b"/> against every earlier peer that can share a node with it.</summary>
    private static (bool RouterId, bool MyAsn) CheckFrrIdentity(
        ValidationContext ctx, IReadOnlyList<(BgpPeer Object, Peer Peer)> peers, BgpPeerNodeOverlap overlap, int b)
    {
        var (obj, peer) = peers[b];
        var routerId = false;
        var myAsn = false;
        for (var a = 0; a < b && !(routerId && myAsn); a++)
        {
            var other = peers[a].Peer;
            var otherRouterId = !routerId && peer.RouterId != other.RouterId;
            var otherAsn = !myAsn && (peer.Vrf ?? "") == (other.Vrf ?? "") && peer.MyAsn != other.MyAsn;
            if (!(otherRouterId || otherAsn) || !overlap.Overlap(a, b, out var node))
            {
                continue;
            }

            var where = Where(peers[a].Object, obj, node);
            if (otherRouterId)
            {
                routerId = true;
                ctx.Error(obj, "spec.routerID",
                    $"peer {Text(peer.RouterId)} has RouterID different from {Text(other.RouterId)}, in FRR mode peers selecting the same node must all have the same RouterID{where}");
            }

            if (otherAsn)
            {
                myAsn = true;
                ctx.Error(obj, "spec.myASN",
                    $"peer {peer.Identity} has myAsn different from {other.Identity}, in FRR mode peers selecting the same node must have the same myAsn within the same VRF ({peer.MyAsn} vs {other.MyAsn}){where}");
            }
        }

        return (routerId, myAsn);
    }

    /// <summary>
    /// What makes a session unique on a node: FRR keys neighbours by address (or interface) within a VRF; the
    /// native speaker dials address:port, so a different port is a different session.
    /// </summary>
    private static string SessionKey(ValidationContext ctx, Peer peer)
    {
        var id = peer.Address?.ToString() ?? $"if:{peer.Interface}";
        return ctx.IsNative ? $"{id}|{peer.Port}|{peer.Vrf}" : $"{id}|{peer.Vrf}";
    }

    private static string DisplayId(ValidationContext ctx, Peer peer)
    {
        var id = peer.Identity;
        if (ctx.IsNative && peer.Port != DefaultPort)
        {
            id = peer.Address is { IsV4: false } ? $"[{id}]:{peer.Port}" : $"{id}:{peer.Port}";
        }

        return string.IsNullOrEmpty(peer.Vrf) ? id : $"{id}-{peer.Vrf}";
    }

    private static string Where(BgpPeer first, BgpPeer second, string? node) => node is null
        ? $"; BGPPeers \"{first.Metadata.Name}\" and \"{second.Metadata.Name}\" may select the same node (the input has no Node objects, so they are assumed to)"
        : $"; BGPPeers \"{first.Metadata.Name}\" and \"{second.Metadata.Name}\" both select node \"{node}\"";

    private static string Text(IpAddress? address) => address?.ToString() ?? "(unset)";
}
