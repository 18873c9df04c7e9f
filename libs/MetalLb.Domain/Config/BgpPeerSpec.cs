namespace MetalLb.Domain.Config;

/// <summary>Spec of a BGPPeer, v1beta2 (METALLB-SPEC §1.4). Durations stay text until validated.</summary>
public sealed record BgpPeerSpec
{
    public uint MyASN { get; init; }

    public uint? PeerASN { get; init; }

    public string? DynamicASN { get; init; }

    public uint? LocalASN { get; init; }

    public string? PeerAddress { get; init; }

    public string? Interface { get; init; }

    public string? SourceAddress { get; init; }

    public int? PeerPort { get; init; }

    public string? HoldTime { get; init; }

    public string? KeepaliveTime { get; init; }

    public string? ConnectTime { get; init; }

    public string? RouterID { get; init; }

    public IReadOnlyList<LabelSelector>? NodeSelectors { get; init; }

    public string? Password { get; init; }

    public SecretReference? PasswordSecret { get; init; }

    public string? BfdProfile { get; init; }

    public bool EnableGracefulRestart { get; init; }

    public bool EbgpMultiHop { get; init; }

    public string? Vrf { get; init; }

    public bool DisableMP { get; init; }

    public bool DualStackAddressFamily { get; init; }

    /// <summary>Shows where the peer is but never its password.</summary>
    public override string ToString() =>
        $"BGPPeer spec ({PeerAddress ?? Interface}, password {(string.IsNullOrEmpty(Password) ? "unset" : "set")}, passwordSecret {PasswordSecret?.Name ?? "unset"})";
}
