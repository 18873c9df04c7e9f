namespace MetalLb.Contracts;

/// <summary>The BGP routes one node advertises for a Service.</summary>
public sealed record BgpNodeRoutes(string Node, IReadOnlyList<BgpRoute> Routes);
