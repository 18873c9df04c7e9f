namespace MetalLb.TestSupport.Bgp;

/// <summary>What a router fixture runs with: its namespace, ASN, router id, neighbours and the routes it originates.</summary>
public sealed record BgpRouterOptions(string Namespace, uint Asn, string RouterId, IReadOnlyList<BgpNeighbor> Neighbors)
{
    public IReadOnlyList<OriginatedRoute> Routes { get; init; } = [];
}
