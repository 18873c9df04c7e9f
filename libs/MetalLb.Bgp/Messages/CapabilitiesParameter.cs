using MetalLb.Bgp.Capabilities;

namespace MetalLb.Bgp.Messages;

/// <summary>
/// One Capabilities optional parameter (type 2, RFC 5492). Peers differ in packing: FRR and GoBGP send one
/// capability per parameter, BIRD several in one, so the grouping is kept for a byte-exact re-encoding.
/// </summary>
public sealed record CapabilitiesParameter(IReadOnlyList<BgpCapability> Capabilities);
