namespace MetalLb.Announcer.Frr;

/// <summary>One BGP neighbour as FRR reports it (<c>show bgp vrf all neighbors json</c>).</summary>
/// <param name="Vrf">The VRF, empty for the default one.</param>
/// <param name="Key">The neighbour's address, or the interface of an unnumbered session.</param>
/// <param name="State">FRR's state name (<c>Established</c>, <c>Active</c>, <c>Connect</c>, …).</param>
/// <param name="LastError">Why the session last went down or has not come up, or null.</param>
/// <param name="SentPrefixes">Prefixes sent and not withdrawn, over all address families.</param>
/// <param name="UpdatesSent">UPDATE messages sent.</param>
/// <param name="ConnectionsEstablished">How often the session has come up since bgpd started.</param>
public sealed record FrrNeighborStatus(
    string Vrf,
    string Key,
    string State,
    string? LastError,
    int SentPrefixes,
    long UpdatesSent,
    long ConnectionsEstablished)
{
    public bool Established => State == "Established";
}
