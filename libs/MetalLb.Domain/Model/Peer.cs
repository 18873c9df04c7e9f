using MetalLb.Domain.Net;

namespace MetalLb.Domain.Model;

/// <summary>A validated BGPPeer.</summary>
public sealed record Peer
{
    public required string Name { get; init; }

    public uint MyAsn { get; init; }

    public uint? PeerAsn { get; init; }

    /// <summary><c>internal</c> or <c>external</c>, when the peer ASN is dynamic.</summary>
    public string? DynamicAsn { get; init; }

    public uint? LocalAsn { get; init; }

    public IpAddress? Address { get; init; }

    public string? Interface { get; init; }

    public IpAddress? SourceAddress { get; init; }

    public int Port { get; init; } = 179;

    /// <summary>Negotiation hold time; null means the backend default (90 s native).</summary>
    public TimeSpan? HoldTime { get; init; }

    public TimeSpan? KeepaliveTime { get; init; }

    public TimeSpan? ConnectTime { get; init; }

    public IpAddress? RouterId { get; init; }

    public IReadOnlyList<Selector> NodeSelectors { get; init; } = [];

    public string? Password { get; init; }

    public string? PasswordSecretName { get; init; }

    public string? BfdProfile { get; init; }

    public bool EnableGracefulRestart { get; init; }

    public bool EbgpMultiHop { get; init; }

    public string? Vrf { get; init; }

    public bool DualStackAddressFamily { get; init; }

    public bool IsIbgp => PeerAsn is { } asn && asn == MyAsn;

    /// <summary>The address (or interface) text used in messages and as the session identity.</summary>
    public string Identity => Address?.ToString() ?? Interface ?? Name;

    /// <summary>Names the peer without its password, so logging a peer never leaks it.</summary>
    public override string ToString() =>
        $"BGPPeer {Name} ({Identity}:{Port}, AS {MyAsn} to {PeerAsn?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? DynamicAsn}, "
        + $"password {(Password is not null ? "set" : PasswordSecretName is not null ? $"from Secret {PasswordSecretName}" : "none")})";
}
