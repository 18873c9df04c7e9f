namespace MetalLb.Announcer.Bgp;

/// <summary>Which BGP backend advertises this node's routes.</summary>
public enum BgpMode
{
    /// <summary>The built-in speaker (libs/MetalLb.Bgp): IPv4 and IPv6, communities, large communities, MD5, GR.</summary>
    Native,

    /// <summary>A local FRR (Helm <c>speaker.frr.enabled</c>): the announcer renders and applies its configuration; BFD.</summary>
    Frr,

    /// <summary>No BGP: plans' routes are reported as not announced.</summary>
    None,
}
