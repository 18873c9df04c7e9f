using System.Numerics;
using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>Tells whether two BGPPeers can establish sessions from the same node, given the input's Nodes.</summary>
/// <remarks>
/// A peer runs on every node matching any of its nodeSelectors (none = all nodes). Without Node objects nothing
/// can be told apart, so every pair is assumed to share a node — what MetalLB's webhook does with an empty node
/// list. Each peer's node set is computed once, when first needed, as a bit set; a pair then costs nodes/64 word
/// operations.
/// </remarks>
public sealed class BgpPeerNodeOverlap
{
    private readonly IReadOnlyList<Peer> _peers;
    private readonly NodeInfo[] _nodes;
    private readonly ulong[]?[] _selected;

    public BgpPeerNodeOverlap(IReadOnlyList<Peer> peers, IReadOnlyList<NodeInfo> nodes)
    {
        _peers = peers;
        _nodes = nodes.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal).ToArray();
        _selected = new ulong[peers.Count][];
    }

    /// <summary>False when the input has no Node objects and sharing is only assumed.</summary>
    public bool HasNodes => _nodes.Length > 0;

    /// <summary>
    /// True when peers <paramref name="a"/> and <paramref name="b"/> (indexes in the constructor's list) can run
    /// on one node; <paramref name="node"/> is the first such node by name, or null when sharing is assumed.
    /// </summary>
    public bool Overlap(int a, int b, out string? node)
    {
        node = null;
        if (!HasNodes)
        {
            return true;
        }

        var left = Selected(a);
        var right = Selected(b);
        for (var w = 0; w < left.Length; w++)
        {
            var common = left[w] & right[w];
            if (common != 0)
            {
                node = _nodes[(w * 64) + BitOperations.TrailingZeroCount(common)].Metadata.Name;
                return true;
            }
        }

        return false;
    }

    private ulong[] Selected(int peer)
    {
        if (_selected[peer] is { } cached)
        {
            return cached;
        }

        var bits = new ulong[(_nodes.Length + 63) / 64];
        for (var n = 0; n < _nodes.Length; n++)
        {
            if (Selector.AnyMatches(_peers[peer].NodeSelectors, _nodes[n].Metadata.Labels))
            {
                bits[n / 64] |= 1UL << (n % 64);
            }
        }

        _selected[peer] = bits;
        return bits;
    }
}
