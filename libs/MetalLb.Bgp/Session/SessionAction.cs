using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Session;

/// <summary>What the host must do for a session: the state machine decides, the host acts.</summary>
public abstract record SessionAction
{
    /// <summary>Dial the peer.</summary>
    public sealed record Connect : SessionAction;

    /// <summary>Close the connection.</summary>
    public sealed record Disconnect : SessionAction;

    public sealed record Send(BgpMessage Message) : SessionAction;

    public sealed record StartTimer(SessionTimer Timer, TimeSpan After) : SessionAction;

    public sealed record StopTimer(SessionTimer Timer) : SessionAction;

    /// <summary>The session is up: advertise every route for it.</summary>
    public sealed record Up(NegotiatedSession Session) : SessionAction;

    /// <summary>The session went down (or never came up) and why: routes are gone from the peer.</summary>
    public sealed record Down(string Reason) : SessionAction;

    /// <summary>A received UPDATE (this speaker imports nothing, but the host may count it).</summary>
    public sealed record Update(UpdateMessage Message) : SessionAction;
}
