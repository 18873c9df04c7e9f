using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>The deprecated metallb.io/v1beta1 BGPPeer custom resource; ToDomain converts it to the v1beta2 shape.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class V1beta1BGPPeer : IKubernetesObject<V1ObjectMeta>, ISpec<BgpPeerV1Beta1Spec>
{
    public const string Group = "metallb.io";

    public const string Version = "v1beta1";

    public const string KindName = "BGPPeer";

    public const string Plural = "bgppeers";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public BgpPeerV1Beta1Spec Spec { get; set; } = new();

    public BgpPeer ToDomain() => BgpPeerConversion.ToDomain(ObjectMetaMapper.ToDomain(Metadata), Spec);
}
