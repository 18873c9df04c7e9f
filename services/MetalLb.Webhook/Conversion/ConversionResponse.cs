using System.Text.Json.Nodes;

namespace MetalLb.Webhook.Conversion;

/// <summary>The converted objects, in request order, and whether conversion succeeded.</summary>
public sealed record ConversionResponse
{
    public string Uid { get; init; } = "";

    public IReadOnlyList<JsonNode> ConvertedObjects { get; init; } = [];

    public ConversionResult Result { get; init; } = ConversionResult.Success;
}
