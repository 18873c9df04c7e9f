namespace MetalLb.Contracts;

/// <summary>Every current plan, with the digest they hash to; the answer to <see cref="RequestAnnouncementSnapshot"/>.</summary>
/// <param name="Plans">Every current plan.</param>
/// <param name="Digest">The digest the plans hash to.</param>
/// <param name="PeerSet">
/// The requesting node's BGP peer set as last published, or null when the allocator has none for that node (it knows
/// no Node of that name); the announcer then keeps the set it has.
/// </param>
public sealed record AnnouncementSnapshot(IReadOnlyList<AnnouncementPlan> Plans, PlanDigest Digest, BgpPeerSet? PeerSet = null);
