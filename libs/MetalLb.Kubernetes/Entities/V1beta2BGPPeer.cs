using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>The metallb.io/v1beta2 BGPPeer custom resource (storage version) as KubernetesClient lists and watches it.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class V1beta2BGPPeer : IKubernetesObject<V1ObjectMeta>, ISpec<BgpPeerSpec>
{
    public const string Group = "metallb.io";

    public const string Version = "v1beta2";

    public const string KindName = "BGPPeer";

    public const string Plural = "bgppeers";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public BgpPeerSpec Spec { get; set; } = new();

    public BgpPeer ToDomain() => new(ObjectMetaMapper.ToDomain(Metadata), Spec);
}
