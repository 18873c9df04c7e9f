using k8s.Models;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>The metallb.io/v1beta1 L2Advertisement custom resource as KubernetesClient lists and watches it.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class V1beta1L2Advertisement() : MetalLbEntity<L2AdvertisementSpec>(Version, KindName)
{
    public const string Version = "v1beta1";

    public const string KindName = "L2Advertisement";

    public const string Plural = "l2advertisements";

    public L2Advertisement ToDomain() => new(ObjectMetaMapper.ToDomain(Metadata), Spec);
}
