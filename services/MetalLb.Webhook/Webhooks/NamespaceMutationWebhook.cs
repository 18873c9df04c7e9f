using System.Text.Json.Nodes;
using MetalLb.Domain.Validation;
using MetalLb.Webhook.Admission;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Webhooks;

/// <summary>
/// Adds the pod-security labels the MetalLB namespace needs (each <c>privileged</c>) when it is created without them,
/// so the announcers are admitted whatever the cluster's default policy. Labels already set are left alone.
/// </summary>
public sealed class NamespaceMutationWebhook(IOptions<WebhookOptions> options)
{
    private readonly string _namespace = options.Value.Namespace;

    public AdmissionDecision Review(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var json = request.Subject!;
        var ns = NamespaceObject.Decode(json, out var problem);
        if (ns is null)
        {
            return problem!;
        }

        if (request.Operation != AdmissionOperation.Create || ns.Metadata.Name != _namespace)
        {
            return AdmissionDecision.Mutate(null);
        }

        var patch = new JsonPatch();
        if (json["metadata"]?["labels"] is not JsonObject labels)
        {
            var all = new JsonObject();
            foreach (var label in NamespaceRules.PodSecurityLabels)
            {
                all[label] = NamespaceRules.Privileged;
            }

            patch.Add(JsonPatch.Pointer("metadata", "labels"), all);
        }
        else
        {
            foreach (var label in NamespaceRules.PodSecurityLabels.Where(l => labels[l] is null))
            {
                patch.Add(JsonPatch.Pointer("metadata", "labels", label), NamespaceRules.Privileged);
            }
        }

        return AdmissionDecision.Mutate(patch.ToArray());
    }
}
