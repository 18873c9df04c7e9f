using System.Text.Json.Nodes;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;
using MetalLb.Webhook.Admission;
using MetalLb.Webhook.Store;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Webhooks;

/// <summary>
/// Validating admission for Services of type LoadBalancer in the class served: a request that can never be met, or
/// that conflicts with a Service holding the IP now, is denied at <c>kubectl apply</c> instead of staying pending.
/// </summary>
public sealed class ServiceWebhook(IObjectStore store, ValidationCache cache, IOptions<WebhookOptions> options)
{
    private const string LoadBalancer = "LoadBalancer";

    private readonly string? _loadBalancerClass = string.IsNullOrEmpty(options.Value.LoadBalancerClass) ? null : options.Value.LoadBalancerClass;

    public AdmissionDecision Review(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Operation == AdmissionOperation.Delete)
        {
            return AdmissionDecision.Allow();
        }

        var service = Decode(request.Subject!, request.Namespace, out var problem);
        if (service is null)
        {
            return problem!;
        }

        if (service.Type != LoadBalancer || !Serves(service.LoadBalancerClass))
        {
            return AdmissionDecision.Allow();
        }

        var warnings = DeprecatedAnnotations(service).ToList();
        var snapshot = store.Snapshot;
        var config = cache.Current(snapshot).Result;
        if (config.Config is null)
        {
            warnings.Add($"the MetalLB configuration is invalid ({config.Errors.Count()} errors), so this Service was not checked");
            return AdmissionDecision.Allow(warnings);
        }

        var verdict = ServiceFeasibility.Check(snapshot, config.Config, service, _loadBalancerClass);
        warnings.AddRange(verdict.Warnings);
        if (verdict.Denial is not { } denial)
        {
            return AdmissionDecision.Allow(warnings);
        }

        // An update that leaves an existing conflict as it was (a label change, the allocator writing its
        // annotation) is not what caused it, and must not be blocked by it.
        if (request.Operation == AdmissionOperation.Update && request.OldObject is JsonObject oldJson
            && Decode(oldJson, request.Namespace, out _) is { } old
            && ServiceFeasibility.Check(snapshot, config.Config, old, _loadBalancerClass).Denial == denial)
        {
            warnings.Add($"{denial} (already the case before this update)");
            return AdmissionDecision.Allow(warnings);
        }

        return AdmissionDecision.Deny($"Service/{service.Metadata.Name}: {denial}", verdict.Reason ?? DenialReason.Unspecified, warnings);
    }

    private static ServiceInfo? Decode(JsonObject json, string? requestNamespace, out AdmissionDecision? problem)
    {
        var header = ObjectHeader.Of(json);
        if (header.ApiVersion != "v1" || header.Kind != ServiceInfo.KindName)
        {
            problem = AdmissionDecision.Invalid($"this endpoint admits v1 Service objects, got \"{header}\"");
            return null;
        }

        var decoded = AdmissionObjectReader.Read(json, requestNamespace);
        var service = decoded.Objects.Services is [var first, ..] ? first : null;
        problem = !decoded.IsValid ? AdmissionDecision.Deny(string.Join("; ", decoded.Problems), DenialReason.UndecodableObject)
            : service is null ? AdmissionDecision.Deny("the Service could not be read", DenialReason.UndecodableObject)
            : null;
        return problem is null ? service : null;
    }

    private static IEnumerable<string> DeprecatedAnnotations(ServiceInfo service) =>
        service.Metadata.Annotations.Keys
            .Where(k => k.StartsWith(ServiceAnnotations.DeprecatedPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(k => $"annotation {k} is deprecated, use metallb.io/{k[ServiceAnnotations.DeprecatedPrefix.Length..]}");

    private bool Serves(string? serviceClass) =>
        _loadBalancerClass is null ? string.IsNullOrEmpty(serviceClass) : serviceClass == _loadBalancerClass;
}
