namespace MetalLb.Contracts;

/// <summary>One validated BGPPeer as a node's announcer needs it; the password travels sealed, never in plain text.</summary>
/// <param name="Name">The BGPPeer's name (routes name their peers by it).</param>
/// <param name="MyAsn">Our ASN.</param>
/// <param name="PeerAsn">The peer's ASN, or null when <paramref name="DynamicAsn"/> is set.</param>
/// <param name="DynamicAsn"><c>internal</c> or <c>external</c>, or null.</param>
/// <param name="LocalAsn">The ASN presented to this peer instead of <paramref name="MyAsn"/>, or null.</param>
/// <param name="Address">The peer's IP, or null for an unnumbered session on <paramref name="Interface"/>.</param>
/// <param name="Interface">The interface of an unnumbered session, or null.</param>
/// <param name="SourceAddress">The local address to dial from, or null for the kernel's choice.</param>
/// <param name="Port">The TCP port to dial.</param>
/// <param name="HoldTime">The hold time to offer, or null for the backend default.</param>
/// <param name="KeepaliveTime">The keepalive interval, or null for a third of the hold time.</param>
/// <param name="ConnectTime">The time between connect attempts, or null for the backend default.</param>
/// <param name="RouterId">Our BGP identifier for this session, or null for the backend's choice.</param>
/// <param name="Password">The TCP-MD5 password, sealed for this node and peer; null for none.</param>
/// <param name="PasswordProblem">Why a configured password could not be sent (a missing Secret, no sealing key); the session is not attempted.</param>
/// <param name="BfdProfile">The BFDProfile name, or null.</param>
/// <param name="EnableGracefulRestart">Offer graceful restart.</param>
/// <param name="EbgpMultiHop">The peer is more than one hop away (eBGP TTL 255 instead of 1).</param>
/// <param name="Vrf">The VRF to peer from, or empty.</param>
/// <param name="DualStackAddressFamily">Carry both address families on this session.</param>
public sealed record BgpPeerConfig(
    string Name,
    uint MyAsn,
    uint? PeerAsn,
    string? DynamicAsn,
    uint? LocalAsn,
    string? Address,
    string? Interface,
    string? SourceAddress,
    int Port,
    TimeSpan? HoldTime,
    TimeSpan? KeepaliveTime,
    TimeSpan? ConnectTime,
    string? RouterId,
    SealedPassword? Password,
    string? PasswordProblem,
    string? BfdProfile,
    bool EnableGracefulRestart,
    bool EbgpMultiHop,
    string Vrf,
    bool DualStackAddressFamily);
