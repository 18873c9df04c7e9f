using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>Spec of a metallb.io/v1beta1 BGPPeer (deprecated; METALLB-SPEC §1.4), read only to be converted.</summary>
/// <remarks>
/// In Go, holdTime and keepaliveTime are non-pointer durations here and most fields are plain values; they stay
/// nullable text in C# so that "unset" survives a conversion round trip. The private v1beta1 node selector shape
/// <c>{matchLabels, matchExpressions[{key, operator, values}]}</c> is the same JSON as a standard label selector.
/// </remarks>
public sealed record BgpPeerV1Beta1Spec
{
    public uint MyASN { get; init; }

    public uint? PeerASN { get; init; }

    public string? PeerAddress { get; init; }

    public string? SourceAddress { get; init; }

    public ushort? PeerPort { get; init; }

    public string? HoldTime { get; init; }

    public string? KeepaliveTime { get; init; }

    public string? RouterID { get; init; }

    public IReadOnlyList<LabelSelector>? NodeSelectors { get; init; }

    public string? Password { get; init; }

    public string? BfdProfile { get; init; }

    public bool EbgpMultiHop { get; init; }
}
