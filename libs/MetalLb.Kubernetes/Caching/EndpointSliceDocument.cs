using System.Text.Json.Serialization;
using k8s.Models;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Entities;

namespace MetalLb.Kubernetes.Caching;

/// <summary>The fields of a discovery.k8s.io EndpointSlice (v1 or v1beta1) that announcement planning reads.</summary>
internal sealed class EndpointSliceDocument
{
    private const string ServiceNameLabel = "kubernetes.io/service-name";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta? Metadata { get; init; }

    [JsonPropertyName("endpoints")]
    public IReadOnlyList<EndpointDocument>? Endpoints { get; init; }

    /// <summary>Maps as the manifest reader does: v1beta1 keeps the node in <c>topology["kubernetes.io/hostname"]</c>.</summary>
    public EndpointSliceInfo ToDomain(bool legacyTopology)
    {
        var meta = ObjectMetaMapper.ToDomain(Metadata);
        return new EndpointSliceInfo(meta)
        {
            ServiceName = meta.Labels.TryGetValue(ServiceNameLabel, out var service) ? service : null,
            Endpoints = [.. (Endpoints ?? []).Select(e => e.ToDomain(legacyTopology))],
        };
    }
}
