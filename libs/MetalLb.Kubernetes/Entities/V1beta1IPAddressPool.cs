using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>The metallb.io/v1beta1 IPAddressPool custom resource as KubernetesClient lists and watches it.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class V1beta1IPAddressPool : IKubernetesObject<V1ObjectMeta>, ISpec<IpAddressPoolSpec>
{
    public const string Group = "metallb.io";

    public const string Version = "v1beta1";

    public const string KindName = "IPAddressPool";

    public const string Plural = "ipaddresspools";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public IpAddressPoolSpec Spec { get; set; } = new();

    public IpAddressPool ToDomain() => new(ObjectMetaMapper.ToDomain(Metadata), Spec);
}
