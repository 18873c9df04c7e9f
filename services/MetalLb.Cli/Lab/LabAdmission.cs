using System.Diagnostics;
using System.Text.Json.Nodes;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Manifests;
using MetalLb.Webhook;
using MetalLb.Webhook.Admission;
using MetalLb.Webhook.Webhooks;
using Microsoft.Extensions.Options;

namespace MetalLb.Cli.Lab;

/// <summary>
/// Passes every write through the webhook's own handlers, as the API server would call them: the mutating ones first
/// (their JSONPatch applied), then the validating ones. Kinds MetalLB has no webhook for are admitted as they are.
/// </summary>
public sealed class LabAdmission
{
    private readonly MetalLbObjectWebhook _objects;
    private readonly ServiceWebhook _services;
    private readonly NamespaceValidationWebhook _namespaceValidation;
    private readonly NamespaceMutationWebhook _namespaceMutation;
    private readonly IpAddressPoolMutationWebhook _poolMutation = new();

    public LabAdmission(LabObjectStore store, WebhookOptions options)
    {
        var wrapped = Options.Create(options);
        var cache = new ValidationCache(wrapped);
        _objects = new MetalLbObjectWebhook(store, cache);
        _services = new ServiceWebhook(store, cache, wrapped);
        _namespaceValidation = new NamespaceValidationWebhook(wrapped);
        _namespaceMutation = new NamespaceMutationWebhook(wrapped);
    }

    /// <summary>The outcome of one write: the decision, and the object as mutated when allowed.</summary>
    public sealed record Outcome(AdmissionDecision Decision, JsonObject Object, ActivityContext Trace);

    /// <summary>Admits <paramref name="obj"/> for <paramref name="operation"/>; <paramref name="old"/> is the stored object on UPDATE and DELETE.</summary>
    /// <remarks>
    /// Spans as a cluster shows them: for the kinds with a mutating webhook (Namespace, IPAddressPool, Service) the
    /// mutating admission, then the validating one as its child (in a cluster a Service's joins through the traceparent
    /// the mutation stamped); for the rest the validating one alone. The outcome carries the first span's context, the
    /// one a Service is stamped with.
    /// </remarks>
    public Outcome Admit(ManifestObject obj, string operation, JsonObject? old)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var json = (JsonObject)obj.Object.DeepClone();
        var decision = AdmissionDecision.Mutate(null);
        var trace = default(ActivityContext);
        if (obj.Kind is NamespaceInfo.KindName or IpAddressPool.KindName or ServiceInfo.KindName)
        {
            (decision, trace) = Review(obj, operation, "mutating", default, () => Mutate(Request(json, obj, operation, old), obj.Kind));
            if (decision.Allowed && decision.Patch is { } patch)
            {
                LabJsonPatch.Apply(json, patch);
            }
        }

        if (decision.Allowed)
        {
            var warnings = decision.Warnings;
            (decision, var validation) = Review(obj, operation, "validating", trace, () => Validate(Request(json, obj, operation, old), obj.Kind));
            decision = decision with { Warnings = [.. warnings, .. decision.Warnings] };
            trace = trace == default ? validation : trace;
        }

        return new Outcome(decision, json, trace);
    }

    /// <summary>One webhook's review under its own admission span, tagged as <c>AdmissionEndpoint</c> tags it.</summary>
    private static (AdmissionDecision Decision, ActivityContext Span) Review(
        ManifestObject obj, string operation, string type, ActivityContext parent, Func<AdmissionDecision> review)
    {
        using var activity = WebhookTelemetry.Source.StartActivity($"admission {obj.Kind}", ActivityKind.Server, parent);
        activity?.SetTag(WebhookTelemetry.TypeTag, type);
        activity?.SetTag(WebhookTelemetry.KindTag, obj.Kind);
        activity?.SetTag(WebhookTelemetry.NameTag, obj.Name);
        activity?.SetTag(WebhookTelemetry.NamespaceTag, obj.Namespace);
        activity?.SetTag(WebhookTelemetry.OperationTag, operation);
        var decision = review();
        activity?.SetTag(WebhookTelemetry.AllowedTag, decision.Allowed);
        activity?.SetTag(WebhookTelemetry.ReasonTag, decision.Reason);
        if (!decision.Allowed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, decision.Message);
        }

        return (decision, activity?.Context ?? default);
    }

    private AdmissionDecision Mutate(AdmissionRequest request, string kind) => kind switch
    {
        NamespaceInfo.KindName => _namespaceMutation.Review(request),
        IpAddressPool.KindName => _poolMutation.Review(request),
        _ => AdmissionDecision.Mutate(null),
    };

    private AdmissionDecision Validate(AdmissionRequest request, string kind) => kind switch
    {
        NamespaceInfo.KindName => _namespaceValidation.Review(request),
        ServiceInfo.KindName => _services.Review(request),
        _ when MetalLbObjectWebhook.Paths.Values.Contains(kind) && Group(request) == MetalLbObjectWebhook.Group => _objects.Review(request, kind),
        _ => AdmissionDecision.Allow(),
    };

    private static string? Group(AdmissionRequest request) => request.Kind?.Group;

    private static AdmissionRequest Request(JsonObject json, ManifestObject obj, string operation, JsonObject? old)
    {
        var header = ObjectHeader.Of(json);
        return new AdmissionRequest
        {
            Uid = Guid.NewGuid().ToString(),
            Kind = new GroupVersionKind(header.Group, header.Version, header.Kind),
            Name = obj.Name,
            Namespace = obj.Namespace,
            Operation = operation,
            Object = operation == AdmissionOperation.Delete ? null : json,
            OldObject = operation == AdmissionOperation.Delete ? old ?? json : old,
        };
    }
}
