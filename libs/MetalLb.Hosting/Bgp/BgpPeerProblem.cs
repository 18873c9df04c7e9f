namespace MetalLb.Hosting.Bgp;

/// <summary>Why a peer of this node's set has no session: its password is missing or cannot be unsealed here.</summary>
/// <param name="Peer">The BGPPeer's name.</param>
/// <param name="Problem">What is wrong, naming the Secret, key or setting to fix; never the password.</param>
public sealed record BgpPeerProblem(string Peer, string Problem);
