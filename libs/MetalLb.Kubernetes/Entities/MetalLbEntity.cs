using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace MetalLb.Kubernetes.Entities;

/// <summary>What every metallb.io custom resource has: apiVersion, kind, metadata and a spec of type <typeparamref name="TSpec"/>.</summary>
public abstract class MetalLbEntity<TSpec>(string version, string kind) : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>
    where TSpec : new()
{
    public const string Group = "metallb.io";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = kind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();
}
