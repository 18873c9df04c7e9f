using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MetalLb.Kubernetes.Entities;

/// <summary>The System.Text.Json settings that map the domain spec records onto MetalLB's JSON field names.</summary>
public static class MetalLbJson
{
    /// <summary>
    /// camelCase names (<c>AvoidBuggyIPs</c> → <c>avoidBuggyIPs</c>), case-sensitive like the API server, unknown
    /// fields ignored, numbers only from JSON numbers, nulls left out when writing. Read-only, so it is safe to share.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 64,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
