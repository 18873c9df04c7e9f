using MetalLb.Bgp.Speaker;

namespace MetalLb.Announcer.Bgp;

/// <summary>What the native backend does with one BGPPeer: run a session with these options, or not run it and say why.</summary>
/// <param name="Name">The BGPPeer's name.</param>
/// <param name="Endpoint">The peer as <c>address:port</c> (or <c>interface:port</c> for an unnumbered one).</param>
/// <param name="Options">The session's options, or null when it is not run.</param>
/// <param name="Problem">Why it is not run, or null.</param>
internal sealed record NativePeerPlan(string Name, string Endpoint, BgpPeerOptions? Options, string? Problem);
