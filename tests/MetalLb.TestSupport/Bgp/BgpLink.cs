namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// A veth pair between a router namespace and the speaker's side: the root namespace (<see cref="Node"/> is null, the
/// test process itself) or a node namespace. The router end carries .1 / ::1, the speaker end .2 / ::2.
/// </summary>
public sealed record BgpLink(
    string Router,
    string? Node,
    string RouterIpv4,
    string NodeIpv4,
    string RouterIpv6,
    string NodeIpv6,
    string RouterInterface,
    string NodeInterface);
