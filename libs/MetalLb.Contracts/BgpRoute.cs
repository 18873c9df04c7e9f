namespace MetalLb.Contracts;

/// <summary>One BGP route: prefix, LOCAL_PREF, communities (<c>A:B</c> or <c>large:A:B:C</c>) and the peers it goes to.</summary>
public sealed record BgpRoute(string Prefix, long LocalPref, IReadOnlyList<string> Communities, IReadOnlyList<string> Peers);
