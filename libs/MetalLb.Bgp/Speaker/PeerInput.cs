using System.Net.Sockets;
using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Session;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Speaker;

/// <summary>What a peer's loop reacts to: route changes and orders from the speaker, and what its sockets and timers report.</summary>
/// <remarks>Inputs from a connection or a timer carry its generation, so a late report from an old one is dropped.</remarks>
internal abstract record PeerInput
{
    public sealed record RoutesSet(IReadOnlyList<BgpRoute> Routes) : PeerInput;

    public sealed record RoutesRemoved(IReadOnlyList<IpPrefix> Prefixes) : PeerInput;

    public sealed record Stop : PeerInput;

    public sealed record Dialled(int Connection, Socket Socket) : PeerInput;

    public sealed record DialFailed(int Connection, string Reason) : PeerInput;

    public sealed record Frame(int Connection, byte[] Message) : PeerInput;

    public sealed record FrameError(int Connection, BgpError Error) : PeerInput;

    public sealed record Closed(int Connection, string Reason) : PeerInput;

    public sealed record Written(int Connection) : PeerInput;

    public sealed record TimerFired(SessionTimer Timer, int Generation) : PeerInput;
}
