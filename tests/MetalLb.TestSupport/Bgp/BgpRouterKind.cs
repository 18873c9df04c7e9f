namespace MetalLb.TestSupport.Bgp;

/// <summary>The real BGP daemons the router fixtures run.</summary>
public enum BgpRouterKind
{
    GoBgp,
    Bird,
    Frr,
}
