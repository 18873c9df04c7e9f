namespace MetalLb.Contracts;

/// <summary>Another station claims an IP this node announces (announcer → allocator, which warns on the Service).</summary>
/// <param name="Node">The announcing node that saw it.</param>
/// <param name="Ip">The IP claimed twice.</param>
/// <param name="ForeignMac">The other station's MAC address.</param>
/// <param name="Interface">Where it was seen.</param>
/// <param name="Evidence">What it sent: an ARP reply, a gratuitous ARP or a neighbour advertisement.</param>
public sealed record AddressConflictDetected(string Node, string Ip, string ForeignMac, string Interface, string Evidence);
