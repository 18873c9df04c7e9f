namespace MetalLb.Webhook.Conversion;

/// <summary>An <c>apiextensions.k8s.io/v1</c> ConversionReview: the API server's request, or our response.</summary>
public sealed record ConversionReview
{
    public const string V1 = "apiextensions.k8s.io/v1";

    public const string KindName = "ConversionReview";

    public string? ApiVersion { get; init; }

    public string? Kind { get; init; }

    public ConversionRequest? Request { get; init; }

    public ConversionResponse? Response { get; init; }

    public static ConversionReview For(ConversionResponse response) => new() { ApiVersion = V1, Kind = KindName, Response = response };
}
