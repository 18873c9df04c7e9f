using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>Converts BGPPeer specs between v1beta1 and v1beta2, as MetalLB's <c>/convert</c> webhook does.</summary>
public static class BgpPeerConversion
{
    public const string V1Beta1 = "v1beta1";

    public const string V1Beta2 = "v1beta2";

    /// <summary>v1beta1 → v1beta2: every v1beta1 field has a v1beta2 counterpart, so nothing is lost.</summary>
    public static BgpPeerSpec ToV1Beta2(BgpPeerV1Beta1Spec spec) => new()
    {
        MyASN = spec.MyASN,
        PeerASN = spec.PeerASN,
        PeerAddress = spec.PeerAddress,
        SourceAddress = spec.SourceAddress,
        PeerPort = spec.PeerPort,
        HoldTime = spec.HoldTime,
        KeepaliveTime = spec.KeepaliveTime,
        RouterID = spec.RouterID,
        NodeSelectors = spec.NodeSelectors,
        Password = spec.Password,
        BfdProfile = spec.BfdProfile,
        EbgpMultiHop = spec.EbgpMultiHop,
    };

    /// <summary>
    /// v1beta2 → v1beta1: drops what v1beta1 lacks (dynamicASN, localASN, interface, connectTime, passwordSecret,
    /// enableGracefulRestart, vrf, disableMP, dualStackAddressFamily) and a peerPort outside v1beta1's uint16.
    /// </summary>
    public static BgpPeerV1Beta1Spec ToV1Beta1(BgpPeerSpec spec) => new()
    {
        MyASN = spec.MyASN,
        PeerASN = spec.PeerASN,
        PeerAddress = spec.PeerAddress,
        SourceAddress = spec.SourceAddress,
        PeerPort = spec.PeerPort is >= ushort.MinValue and <= ushort.MaxValue ? (ushort)spec.PeerPort.Value : null,
        HoldTime = spec.HoldTime,
        KeepaliveTime = spec.KeepaliveTime,
        RouterID = spec.RouterID,
        NodeSelectors = spec.NodeSelectors,
        Password = spec.Password,
        BfdProfile = spec.BfdProfile,
        EbgpMultiHop = spec.EbgpMultiHop,
    };

    /// <summary>A v1beta1 object as the domain sees it: the v1beta2 shape, remembering it was written as v1beta1.</summary>
    public static BgpPeer ToDomain(ObjectMeta metadata, BgpPeerV1Beta1Spec spec) =>
        new(metadata, ToV1Beta2(spec)) { SourceVersion = V1Beta1 };
}
