namespace MetalLb.Bgp.Session;

/// <summary>The RFC 4271 §8 states this speaker uses (it always dials: no passive Active state).</summary>
public enum SessionState
{
    Idle,
    Connect,
    OpenSent,
    OpenConfirm,
    Established,
}
