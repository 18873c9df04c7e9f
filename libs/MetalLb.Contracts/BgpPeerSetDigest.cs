namespace MetalLb.Contracts;

/// <summary>
/// A periodic summary of the peer sets published, so an announcer that missed its <see cref="BgpPeerSet"/> notices
/// and asks for a snapshot.
/// </summary>
/// <param name="Generations">The generation of every node's current set, by node name.</param>
public sealed record BgpPeerSetDigest(IReadOnlyDictionary<string, long> Generations);
