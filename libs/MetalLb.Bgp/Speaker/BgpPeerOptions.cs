using System.Net;
using System.Text;

namespace MetalLb.Bgp.Speaker;

/// <summary>One peer of the speaker: everything that shapes its session. Changing any of it restarts the session.</summary>
/// <param name="Name">The peer's name (a BGPPeer's name); routes are addressed to it.</param>
/// <param name="Address">The address to dial.</param>
/// <param name="LocalAsn">Our ASN on this session.</param>
/// <param name="PeerAsn">The ASN the peer must present in its OPEN.</param>
public sealed record BgpPeerOptions(string Name, IPAddress Address, uint LocalAsn, uint PeerAsn)
{
    /// <summary>The TCP port to dial.</summary>
    public int Port { get; init; } = 179;

    /// <summary>The local address to dial from; it must exist on this node (METALLB-SPEC §11 QUIRK 13: no silent fallback).</summary>
    public IPAddress? SourceAddress { get; init; }

    /// <summary>Our BGP identifier (an IPv4 address); derived from the session when null (METALLB-SPEC §6.3).</summary>
    public IPAddress? RouterId { get; init; }

    /// <summary>The hold time to offer: 0 or at least 3 s; the speaker's default when null.</summary>
    public TimeSpan? HoldTime { get; init; }

    /// <summary>The TCP-MD5 password (RFC 2385), or null. Never printed.</summary>
    public string? Password { get; init; }

    /// <summary>The peer is more than one hop away: eBGP packets leave with TTL 255 instead of 1.</summary>
    public bool EbgpMultiHop { get; init; }

    /// <summary>Carry the other address family on this session too (IPv6 routes over an IPv4 session and vice versa).</summary>
    public bool DualStack { get; init; }

    /// <summary>Offer graceful restart (RFC 4724).</summary>
    public bool GracefulRestart { get; init; }

    /// <summary>Both ends share an ASN: LOCAL_PREF is sent, AS_PATH stays empty, TTL 255.</summary>
    public bool IsInternal => LocalAsn == PeerAsn;

    /// <summary>The peer as <c>address:port</c> (MetalLB's <c>peer</c> metric label).</summary>
    public string Endpoint => new IPEndPoint(Address, Port).ToString();

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}, Endpoint = {Endpoint}, LocalAsn = {LocalAsn}, PeerAsn = {PeerAsn}, SourceAddress = {SourceAddress}, ");
        builder.Append($"RouterId = {RouterId}, HoldTime = {HoldTime}, Password = {(Password is null ? "none" : "set")}, EbgpMultiHop = {EbgpMultiHop}, ");
        builder.Append($"DualStack = {DualStack}, GracefulRestart = {GracefulRestart}");
        return true;
    }
}
