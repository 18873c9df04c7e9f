using k8s.Models;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>The metallb.io/v1beta1 BFDProfile custom resource as KubernetesClient lists and watches it.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class V1beta1BFDProfile() : MetalLbEntity<BfdProfileSpec>(Version, KindName)
{
    public const string Version = "v1beta1";

    public const string KindName = "BFDProfile";

    public const string Plural = "bfdprofiles";

    public BfdProfile ToDomain() => new(ObjectMetaMapper.ToDomain(Metadata), Spec);
}
