using k8s.Models;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>The deprecated metallb.io/v1beta1 BGPPeer custom resource; ToDomain converts it to the v1beta2 shape.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class V1beta1BGPPeer() : MetalLbEntity<BgpPeerV1Beta1Spec>(Version, KindName)
{
    public const string Version = "v1beta1";

    public const string KindName = "BGPPeer";

    public const string Plural = "bgppeers";

    public BgpPeer ToDomain() => BgpPeerConversion.ToDomain(ObjectMetaMapper.ToDomain(Metadata), Spec);
}
