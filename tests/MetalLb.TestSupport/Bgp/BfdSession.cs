namespace MetalLb.TestSupport.Bgp;

/// <summary>A BFD session a router daemon reports: the peer's address and the session's state.</summary>
public sealed record BfdSession(string Peer, BfdState State);
