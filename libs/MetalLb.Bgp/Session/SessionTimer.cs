namespace MetalLb.Bgp.Session;

/// <summary>The session's timers (RFC 4271 §10); the host runs them and reports them fired.</summary>
public enum SessionTimer
{
    ConnectRetry,
    Hold,
    Keepalive,
}
