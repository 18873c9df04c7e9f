namespace MetalLb.TestSupport.Bgp;

/// <summary>A BGP session's state as a router daemon reports it (RFC 4271 §8.2.2).</summary>
public enum BgpSessionState
{
    Idle,
    Connect,
    Active,
    OpenSent,
    OpenConfirm,
    Established,
}
