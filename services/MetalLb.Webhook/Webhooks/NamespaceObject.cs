using System.Text.Json.Nodes;
using MetalLb.Domain.Config;
using MetalLb.Webhook.Admission;

namespace MetalLb.Webhook.Webhooks;

/// <summary>Reads the core/v1 Namespace of a review, or says why it cannot.</summary>
public static class NamespaceObject
{
    public static NamespaceInfo? Decode(JsonObject json, out AdmissionDecision? problem)
    {
        ArgumentNullException.ThrowIfNull(json);
        var header = ObjectHeader.Of(json);
        if (header.ApiVersion != "v1" || header.Kind != NamespaceInfo.KindName)
        {
            problem = AdmissionDecision.Invalid($"this endpoint admits v1 Namespace objects, got \"{header}\"");
            return null;
        }

        var decoded = AdmissionObjectReader.Read(json, null);
        var ns = decoded.Objects.Namespaces is [var first, ..] ? first : null;
        problem = !decoded.IsValid ? AdmissionDecision.Deny(string.Join("; ", decoded.Problems), DenialReason.UndecodableObject)
            : ns is null ? AdmissionDecision.Deny("the Namespace could not be read", DenialReason.UndecodableObject)
            : null;
        return problem is null ? ns : null;
    }
}
