using System.Text.Json.Serialization;

namespace MetalLb.Kubernetes.Caching;

/// <summary>The readiness conditions of one EndpointSlice endpoint.</summary>
internal sealed class EndpointConditionsDocument
{
    [JsonPropertyName("ready")]
    public bool? Ready { get; init; }

    [JsonPropertyName("serving")]
    public bool? Serving { get; init; }
}
