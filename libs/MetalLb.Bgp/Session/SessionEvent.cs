using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Session;

/// <summary>Something that happened to a session: an order, the transport, a message or a timer.</summary>
public abstract record SessionEvent
{
    /// <summary>Start (and keep) the session.</summary>
    public sealed record Start : SessionEvent;

    /// <summary>Stop it for good (the peer was removed, or the node stops announcing): a Cease is sent.</summary>
    public sealed record Stop : SessionEvent;

    /// <summary>
    /// The TCP connection is up. <paramref name="RouterId"/> replaces the configured identifier for this connection:
    /// MetalLB derives it from the session's local address when none is configured (METALLB-SPEC §6.3), which is known
    /// only once the socket is connected.
    /// </summary>
    public sealed record Connected(uint? RouterId = null) : SessionEvent;

    /// <summary>Dialling failed, or the connection was closed by the peer or the network.</summary>
    public sealed record Disconnected(string Reason) : SessionEvent;

    /// <summary>A whole message arrived and decoded.</summary>
    public sealed record Received(BgpMessage Message) : SessionEvent;

    /// <summary>A message arrived that did not decode.</summary>
    public sealed record Malformed(BgpError Error) : SessionEvent;

    /// <summary>A timer ran out.</summary>
    public sealed record TimerFired(SessionTimer Timer) : SessionEvent;
}
