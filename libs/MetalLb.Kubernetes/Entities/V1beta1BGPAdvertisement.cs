using k8s.Models;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>The metallb.io/v1beta1 BGPAdvertisement custom resource as KubernetesClient lists and watches it.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class V1beta1BGPAdvertisement() : MetalLbEntity<BgpAdvertisementSpec>(Version, KindName)
{
    public const string Version = "v1beta1";

    public const string KindName = "BGPAdvertisement";

    public const string Plural = "bgpadvertisements";

    public BgpAdvertisement ToDomain() => new(ObjectMetaMapper.ToDomain(Metadata), Spec);
}
