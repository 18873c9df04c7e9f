namespace MetalLb.Announcer.Frr;

/// <summary>One <c>router bgp</c> block: FRR runs one BGP instance per VRF, with one ASN and one router id.</summary>
internal sealed record FrrRouter(string Vrf, uint Asn, string? RouterId, IReadOnlyList<FrrNeighbor> Neighbors);
