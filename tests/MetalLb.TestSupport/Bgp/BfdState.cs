namespace MetalLb.TestSupport.Bgp;

/// <summary>A BFD session's state (RFC 5880 §4.1).</summary>
public enum BfdState
{
    AdminDown,
    Down,
    Init,
    Up,
}
