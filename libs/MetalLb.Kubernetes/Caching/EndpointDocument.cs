using System.Text.Json.Serialization;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Caching;

/// <summary>One endpoint of an EndpointSlice document.</summary>
internal sealed class EndpointDocument
{
    private const string HostnameTopologyKey = "kubernetes.io/hostname";

    [JsonPropertyName("addresses")]
    public IReadOnlyList<string>? Addresses { get; init; }

    [JsonPropertyName("conditions")]
    public EndpointConditionsDocument? Conditions { get; init; }

    [JsonPropertyName("nodeName")]
    public string? NodeName { get; init; }

    [JsonPropertyName("topology")]
    public IReadOnlyDictionary<string, string>? Topology { get; init; }

    public EndpointInfo ToDomain(bool legacyTopology) => new()
    {
        NodeName = legacyTopology && Topology?.TryGetValue(HostnameTopologyKey, out var host) == true ? host : NodeName,
        Addresses = Addresses ?? [],
        Ready = Conditions?.Ready,
        Serving = Conditions?.Serving,
    };
}
