using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MetalLb.Webhook.Admission;

/// <summary>System.Text.Json settings for AdmissionReview and ConversionReview: camelCase, case-sensitive like the API server.</summary>
public static class AdmissionJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = 128,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),

            // Messages carry quotes; the API server reads JSON, not HTML, so they need not be escaped as \u0022.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }
}
