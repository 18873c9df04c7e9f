using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MetalLb.Webhook.Conversion;

/// <summary>The objects to convert and the version wanted.</summary>
public sealed record ConversionRequest
{
    public string? Uid { get; init; }

    [JsonPropertyName("desiredAPIVersion")]
    public string? DesiredApiVersion { get; init; }

    public IReadOnlyList<JsonNode?>? Objects { get; init; }
}
