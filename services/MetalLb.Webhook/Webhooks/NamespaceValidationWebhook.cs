using System.Text.Json.Nodes;
using MetalLb.Domain.Config;
using MetalLb.Domain.Validation;
using MetalLb.Webhook.Admission;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Webhooks;

/// <summary>
/// Guards the MetalLB namespace's pod-security labels: an update may not remove or weaken a
/// <c>pod-security.kubernetes.io/{enforce,audit,warn}: privileged</c> label, since the announcers (hostNetwork,
/// NET_RAW) would no longer be admitted. Other namespaces, and deletes, are always allowed.
/// </summary>
public sealed class NamespaceValidationWebhook(IOptions<WebhookOptions> options)
{
    private readonly string _namespace = options.Value.Namespace;

    public AdmissionDecision Review(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var updated = NamespaceObject.Decode(request.Subject!, out var problem);
        if (updated is null)
        {
            return problem!;
        }

        if (request.Operation == AdmissionOperation.Delete || updated.Metadata.Name != _namespace)
        {
            return AdmissionDecision.Allow();
        }

        var labels = updated.Metadata.Labels;
        if (request.Operation != AdmissionOperation.Update)
        {
            return AdmissionDecision.Allow([.. NamespaceRules.CheckPodSecurityLabels(labels, _namespace)]);
        }

        var old = request.OldObject is JsonObject oldJson ? NamespaceObject.Decode(oldJson, out _) : null;
        var oldLabels = old?.Metadata.Labels ?? new Dictionary<string, string>();
        var weakened = NamespaceRules.PodSecurityLabels
            .Where(l => oldLabels.TryGetValue(l, out var was) && was == NamespaceRules.Privileged
                && !(labels.TryGetValue(l, out var now) && now == NamespaceRules.Privileged))
            .ToArray();
        var problems = NamespaceRules.CheckPodSecurityLabels(labels, _namespace)
            .Where(m => weakened.Any(l => m.Contains($"label {l}:", StringComparison.Ordinal) || m.Contains($"label {l}=", StringComparison.Ordinal)))
            .ToArray();
        return problems.Length == 0
            ? AdmissionDecision.Allow()
            : AdmissionDecision.Deny(
                string.Join("; ", problems.Select(p => $"{NamespaceInfo.KindName}/{_namespace}: {p}")), DenialReason.PodSecurityLabels);
    }
}
