namespace MetalLb.Announcer.Frr;

/// <summary>A peer the renderer left out of the FRR configuration, and why.</summary>
public sealed record FrrSkippedPeer(string Peer, string Reason);
