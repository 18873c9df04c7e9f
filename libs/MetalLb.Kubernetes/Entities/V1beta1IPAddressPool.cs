using k8s.Models;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>The metallb.io/v1beta1 IPAddressPool custom resource as KubernetesClient lists and watches it.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class V1beta1IPAddressPool() : MetalLbEntity<IpAddressPoolSpec>(Version, KindName)
{
    public const string Version = "v1beta1";

    public const string KindName = "IPAddressPool";

    public const string Plural = "ipaddresspools";

    public IpAddressPool ToDomain() => new(ObjectMetaMapper.ToDomain(Metadata), Spec);
}
