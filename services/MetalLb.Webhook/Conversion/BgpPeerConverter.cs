using System.Text.Json;
using System.Text.Json.Nodes;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Entities;
using MetalLb.Webhook.Admission;

namespace MetalLb.Webhook.Conversion;

/// <summary>
/// Converts BGPPeer objects between metallb.io/v1beta1 and v1beta2 with <see cref="BgpPeerConversion"/>: metadata and
/// status stay untouched, apiVersion changes, the spec is converted (lossy towards v1beta1, as in MetalLB).
/// </summary>
public static class BgpPeerConverter
{
    private const string Group = "metallb.io";

    private static readonly string[] Versions = [BgpPeerConversion.V1Beta1, BgpPeerConversion.V1Beta2];

    /// <returns>The converted copy, or null with <paramref name="error"/> saying why it cannot be converted.</returns>
    public static JsonObject? Convert(JsonNode? node, string desiredApiVersion, out string? error)
    {
        if (node is not JsonObject obj)
        {
            error = "object is not a JSON object";
            return null;
        }

        var header = ObjectHeader.Of(obj);
        var name = obj["metadata"]?["name"]?.ToString() ?? "";
        if (header.Group != Group || header.Kind != BgpPeer.KindName || !Versions.Contains(header.Version))
        {
            error = $"cannot convert \"{header}\" {name}: only {Group}/v1beta1 and {Group}/v1beta2 {BgpPeer.KindName} are converted";
            return null;
        }

        var desired = new ObjectHeader(desiredApiVersion, BgpPeer.KindName);
        if (desired.Group != Group || !Versions.Contains(desired.Version))
        {
            error = $"cannot convert {BgpPeer.KindName} {name} to \"{desiredApiVersion}\": only {Group}/v1beta1 and {Group}/v1beta2 are served";
            return null;
        }

        var copy = obj.DeepClone().AsObject();
        copy["apiVersion"] = desiredApiVersion;
        if (header.Version == desired.Version || copy["spec"] is null)
        {
            error = null;
            return copy;
        }

        try
        {
            copy["spec"] = desired.Version == BgpPeerConversion.V1Beta2
                ? Omit(JsonSerializer.SerializeToNode(
                    BgpPeerConversion.ToV1Beta2(Read<BgpPeerV1Beta1Spec>(copy["spec"]!)), MetalLbJson.Options))
                : Omit(JsonSerializer.SerializeToNode(
                    BgpPeerConversion.ToV1Beta1(Read<BgpPeerSpec>(copy["spec"]!)), MetalLbJson.Options));
        }
        catch (JsonException ex)
        {
            error = $"cannot convert {BgpPeer.KindName} {name}: invalid spec: {ex.Message}";
            return null;
        }

        error = null;
        return copy;
    }

    private static T Read<T>(JsonNode spec)
        where T : class => spec.Deserialize<T>(MetalLbJson.Options) ?? throw new JsonException("spec is null");

    /// <summary>Go's <c>omitempty</c>: a false flag is left out, as MetalLB's converter writes it.</summary>
    private static JsonNode? Omit(JsonNode? spec)
    {
        if (spec is JsonObject obj)
        {
            foreach (var key in obj.Where(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.False).Select(p => p.Key).ToArray())
            {
                obj.Remove(key);
            }
        }

        return spec;
    }
}
