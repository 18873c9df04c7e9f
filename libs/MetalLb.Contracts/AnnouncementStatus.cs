namespace MetalLb.Contracts;

/// <summary>What one announcer does for one Service in one protocol (announcer → allocator).</summary>
/// <param name="Node">The reporting node.</param>
/// <param name="ServiceKey">The Service as <c>namespace/name</c>.</param>
/// <param name="Generation">The plan generation this report is about.</param>
/// <param name="Protocol"><c>l2</c> or <c>bgp</c>.</param>
/// <param name="Announcing">True when the node announces the Service's IPs.</param>
/// <param name="Interfaces">L2: the interfaces answered on.</param>
/// <param name="Peers">BGP: the peers advertised to.</param>
/// <param name="Reason">Why the node does not announce, when it does not.</param>
public sealed record AnnouncementStatus(
    string Node,
    string ServiceKey,
    long Generation,
    string Protocol,
    bool Announcing,
    IReadOnlyList<string> Interfaces,
    IReadOnlyList<string> Peers,
    string? Reason);
