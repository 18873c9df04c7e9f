namespace MetalLb.Announcer.Frr;

/// <summary>A rendered FRR configuration and what could not be put into it.</summary>
/// <param name="Text">The configuration, <c>\n</c>-terminated lines.</param>
/// <param name="SkippedPeers">Peers left out, each with the reason (never containing a password).</param>
/// <param name="Problems">Routes, communities or settings left out, with the reason.</param>
public sealed record FrrRenderResult(string Text, IReadOnlyList<FrrSkippedPeer> SkippedPeers, IReadOnlyList<string> Problems);
