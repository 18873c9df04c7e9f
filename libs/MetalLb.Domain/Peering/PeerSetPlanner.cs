using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Peering;

/// <summary>
/// METALLB-SPEC §6.1: "Sessions exist only on nodes matching the peer's nodeSelectors" — a peer is on a node when any
/// of its selectors matches the node's labels, and on every node when it has none.
/// </summary>
public static class PeerSetPlanner
{
    /// <summary>One set per node (empty when no peer matches it), by node name.</summary>
    /// <remarks>
    /// Sessions do not depend on the node being usable for announcements (NetworkUnavailable, the exclude-lb label):
    /// MetalLB keeps them up and only stops advertising, so routes return without a new session when the node does.
    /// </remarks>
    public static IReadOnlyList<NodePeerSet> Plan(MetalLbConfig config, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(nodes);
        var peers = config.Peers.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        var profiles = config.BfdProfiles.ToDictionary(p => p.Name, StringComparer.Ordinal);
        return [.. nodes
            .Select(n => n.Metadata)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => For(m.Name, m.Labels, peers, profiles))];
    }

    private static NodePeerSet For(
        string node, IReadOnlyDictionary<string, string> labels, Peer[] peers, Dictionary<string, BfdSettings> profiles)
    {
        var onNode = peers.Where(p => Selector.AnyMatches(p.NodeSelectors, labels)).ToArray();
        var named = onNode
            .Select(p => p.BfdProfile)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(name => profiles.GetValueOrDefault(name))
            .OfType<BfdSettings>()
            .ToArray();
        return new NodePeerSet(node, onNode, named);
    }
}
