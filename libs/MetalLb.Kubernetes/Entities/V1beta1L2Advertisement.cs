using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>The metallb.io/v1beta1 L2Advertisement custom resource as KubernetesClient lists and watches it.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class V1beta1L2Advertisement : IKubernetesObject<V1ObjectMeta>, ISpec<L2AdvertisementSpec>
{
    public const string Group = "metallb.io";

    public const string Version = "v1beta1";

    public const string KindName = "L2Advertisement";

    public const string Plural = "l2advertisements";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public L2AdvertisementSpec Spec { get; set; } = new();

    public L2Advertisement ToDomain() => new(ObjectMetaMapper.ToDomain(Metadata), Spec);
}
