using k8s.Models;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>The metallb.io/v1beta2 BGPPeer custom resource (storage version) as KubernetesClient lists and watches it.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class V1beta2BGPPeer() : MetalLbEntity<BgpPeerSpec>(Version, KindName)
{
    public const string Version = "v1beta2";

    public const string KindName = "BGPPeer";

    public const string Plural = "bgppeers";

    public BgpPeer ToDomain() => new(ObjectMetaMapper.ToDomain(Metadata), Spec);
}
