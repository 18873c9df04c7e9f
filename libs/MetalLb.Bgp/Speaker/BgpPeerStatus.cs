using MetalLb.Bgp.Session;

namespace MetalLb.Bgp.Speaker;

/// <summary>A peer's session and counters as of one moment (the metrics and statuses read it).</summary>
/// <param name="Name">The peer's name.</param>
/// <param name="Endpoint">The peer as <c>address:port</c>.</param>
/// <param name="State">The RFC 4271 state.</param>
/// <param name="LastError">Why the session is down or last went down, or null.</param>
/// <param name="Announced">Prefixes the peer has been sent in this session and not withdrawn.</param>
/// <param name="Pending">Prefixes not yet sent: all of them while the session is down, or the changes still queued.</param>
/// <param name="UpdatesSent">UPDATE messages sent since the peer was added.</param>
/// <param name="UpdatesReceived">UPDATE messages received (and ignored: this speaker imports nothing).</param>
/// <param name="SessionsEstablished">How often the session reached Established.</param>
/// <param name="SessionsLost">How often an Established session went down.</param>
/// <param name="LocalAddress">The local end of the current connection, or null.</param>
/// <param name="HoldTime">The negotiated hold time while up, or null.</param>
public sealed record BgpPeerStatus(
    string Name,
    string Endpoint,
    SessionState State,
    string? LastError,
    int Announced,
    int Pending,
    long UpdatesSent,
    long UpdatesReceived,
    long SessionsEstablished,
    long SessionsLost,
    string? LocalAddress,
    TimeSpan? HoldTime)
{
    public bool Up => State == SessionState.Established;
}
