using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MetalLb.Webhook.Admission;

/// <summary>The <c>request</c> of an AdmissionReview; objects stay JSON trees until a handler decodes them.</summary>
public sealed record AdmissionRequest
{
    public string? Uid { get; init; }

    public GroupVersionKind? Kind { get; init; }

    public GroupVersionResource? Resource { get; init; }

    public string? SubResource { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }

    /// <summary><c>CREATE</c>, <c>UPDATE</c>, <c>DELETE</c> or <c>CONNECT</c>.</summary>
    public string? Operation { get; init; }

    public JsonNode? Object { get; init; }

    public JsonNode? OldObject { get; init; }

    public bool? DryRun { get; init; }

    /// <summary>The object the operation is about: the old one for DELETE, the new one otherwise.</summary>
    [JsonIgnore]
    public JsonObject? Subject => (Operation == AdmissionOperation.Delete ? OldObject : Object) as JsonObject;
}
