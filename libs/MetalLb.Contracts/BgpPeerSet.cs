namespace MetalLb.Contracts;

/// <summary>The BGP sessions one node must hold (allocator → that node's announcer); replaces any set of a lower generation.</summary>
/// <param name="Node">The node the set is for.</param>
/// <param name="Generation">Monotonic per node.</param>
/// <param name="Peers">The BGPPeers whose nodeSelectors match the node, sorted by name.</param>
/// <param name="BfdProfiles">The BFDProfiles those peers name.</param>
public sealed record BgpPeerSet(string Node, long Generation, IReadOnlyList<BgpPeerConfig> Peers, IReadOnlyList<BfdProfileConfig> BfdProfiles);
