namespace MetalLb.Hosting.Bgp;

/// <summary>One session as a backend sees it; the metrics and statuses read it.</summary>
/// <param name="Peer">The BGPPeer's name.</param>
/// <param name="Endpoint">The peer as <c>address:port</c> (MetalLB's <c>peer</c> metric label).</param>
/// <param name="Up">True while Established.</param>
/// <param name="LastError">Why the session is down (or last went down), or null.</param>
/// <param name="Announced">Prefixes the peer has been sent and not withdrawn.</param>
/// <param name="Pending">Prefixes waiting to be sent (session down or UPDATEs queued).</param>
/// <param name="UpdatesSent">UPDATE messages sent since the process started.</param>
public sealed record BgpPeerState(string Peer, string Endpoint, bool Up, string? LastError, int Announced, int Pending, long UpdatesSent);
