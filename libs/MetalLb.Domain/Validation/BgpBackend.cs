namespace MetalLb.Domain.Validation;

/// <summary>The BGP implementation the announcers use; some rules depend on what it can do.</summary>
public enum BgpBackend
{
    /// <summary>Our own speaker (libs/MetalLb.Bgp).</summary>
    Native,

    /// <summary>FRR driven by the announcer (Helm <c>speaker.frr.enabled</c>).</summary>
    Frr,
}
