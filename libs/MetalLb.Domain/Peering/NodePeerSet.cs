using MetalLb.Domain.Model;

namespace MetalLb.Domain.Peering;

/// <summary>The BGP sessions one node must hold and the BFD profiles they name.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Peers">The peers whose nodeSelectors match the node, by name.</param>
/// <param name="BfdProfiles">The profiles those peers name, by name; each once.</param>
public sealed record NodePeerSet(string Node, IReadOnlyList<Peer> Peers, IReadOnlyList<BfdSettings> BfdProfiles);
