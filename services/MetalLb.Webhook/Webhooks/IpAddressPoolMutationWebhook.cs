using System.Text.Json;
using System.Text.Json.Nodes;
using MetalLb.Domain.Config;
using MetalLb.Webhook.Admission;

namespace MetalLb.Webhook.Webhooks;

/// <summary>
/// Makes an IPAddressPool's defaults explicit (<c>autoAssign: true</c>, <c>avoidBuggyIPs: false</c>) and normalises
/// its addresses (<c>1.2.3.1 - 1.2.3.5</c> → <c>1.2.3.1-1.2.3.5</c>), so what is stored reads as what is used.
/// </summary>
/// <remarks>Fields of the wrong type are left alone: the validating webhook reports them with their path.</remarks>
public sealed class IpAddressPoolMutationWebhook
{
    public AdmissionDecision Review(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var json = request.Subject!;
        var header = ObjectHeader.Of(json);
        if (header.Group != MetalLbObjectWebhook.Group || header.Kind != IpAddressPool.KindName)
        {
            return AdmissionDecision.Invalid($"this endpoint admits {MetalLbObjectWebhook.Group} {IpAddressPool.KindName} objects, got \"{header}\"");
        }

        if (request.Operation == AdmissionOperation.Delete || json["spec"] is not JsonObject spec)
        {
            return AdmissionDecision.Mutate(null);
        }

        var patch = new JsonPatch();
        if (spec["autoAssign"] is null)
        {
            patch.Add(JsonPatch.Pointer("spec", "autoAssign"), true);
        }

        if (spec["avoidBuggyIPs"] is null)
        {
            patch.Add(JsonPatch.Pointer("spec", "avoidBuggyIPs"), false);
        }

        if (spec["addresses"] is JsonArray addresses)
        {
            for (var i = 0; i < addresses.Count; i++)
            {
                if (addresses[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                    && value.GetValue<string>() is var text && Compact(text) is var compact && compact != text)
                {
                    patch.Replace(JsonPatch.Pointer("spec", "addresses", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), compact);
                }
            }
        }

        return AdmissionDecision.Mutate(patch.ToArray());
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
