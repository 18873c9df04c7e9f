using System.Diagnostics;
using System.Text.Json.Nodes;
using MetalLb.Domain.Allocation;
using MetalLb.Hosting.Telemetry;
using MetalLb.Webhook.Admission;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Webhooks;

/// <summary>
/// Mutating admission for Services of type LoadBalancer in the class served: writes the admission span's W3C
/// traceparent into <see cref="TraceParent.Annotation"/>, so the allocator's reconcile of this write, its plan, the
/// broker and every announcer's handling join the trace that starts at <c>kubectl apply</c>.
/// </summary>
/// <remarks>
/// Only a write MetalLB acts on gets a new trace: a CREATE, or an UPDATE that changes the spec or a MetalLB
/// annotation (other than the allocator's own <c>ip-allocated-from-pool</c>). A label, a controller's annotation or
/// kubectl's last-applied bookkeeping leaves the annotation alone: it starts no reconcile worth a trace, and replacing
/// the traceparent on every metadata touch would cut the Service off from the trace of the change that set its IPs,
/// and turn a no-op write into a real one.
/// </remarks>
public sealed class ServiceTraceWebhook(IOptions<WebhookOptions> options)
{
    private const string LoadBalancer = "LoadBalancer";

    private readonly string? _loadBalancerClass = string.IsNullOrEmpty(options.Value.LoadBalancerClass) ? null : options.Value.LoadBalancerClass;

    /// <summary>The patch that stamps <paramref name="admission"/> on the Service, or none.</summary>
    public AdmissionDecision Review(AdmissionRequest request, ActivityContext admission)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Operation is not (AdmissionOperation.Create or AdmissionOperation.Update))
        {
            return AdmissionDecision.Mutate(null);
        }

        var json = request.Subject!;
        var header = ObjectHeader.Of(json);
        if (header.ApiVersion != "v1" || header.Kind != "Service")
        {
            return AdmissionDecision.Invalid($"this endpoint admits v1 Service objects, got \"{header}\"");
        }

        if (admission == default || !IsServedLoadBalancer(json)
            || (request.Operation == AdmissionOperation.Update && request.OldObject is JsonObject old && !Changed(json, old)))
        {
            return AdmissionDecision.Mutate(null);
        }

        var value = TraceParent.Format(admission);
        var patch = new JsonPatch();
        if (json["metadata"]?["annotations"] is JsonObject)
        {
            patch.Add(JsonPatch.Pointer("metadata", "annotations", TraceParent.Annotation), value);
        }
        else
        {
            patch.Add(JsonPatch.Pointer("metadata", "annotations"), new JsonObject { [TraceParent.Annotation] = value });
        }

        return AdmissionDecision.Mutate(patch.ToArray());
    }

    /// <summary>
    /// The trace a validating review of <paramref name="request"/> joins: the traceparent this write's mutation set
    /// (present on the new object and not the same on the old one), else none.
    /// </summary>
    public static ActivityContext ParentOf(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = Annotation(request.Object as JsonObject);
        return value is not null && value != Annotation(request.OldObject as JsonObject) && ActivityContext.TryParse(value, null, out var parent)
            ? parent
            : default;
    }

    private bool IsServedLoadBalancer(JsonObject service)
    {
        var spec = service["spec"] as JsonObject;
        var serviceClass = Text(spec?["loadBalancerClass"]);
        return Text(spec?["type"]) == LoadBalancer
            && (_loadBalancerClass is null ? string.IsNullOrEmpty(serviceClass) : serviceClass == _loadBalancerClass);
    }

    private static bool Changed(JsonObject service, JsonObject old) =>
        !JsonNode.DeepEquals(service["spec"], old["spec"])
        || !MetalLbAnnotations(service).SequenceEqual(MetalLbAnnotations(old));

    /// <summary>The <c>metallb.io/</c> and deprecated <c>metallb.universe.tf/</c> annotations a user sets, by key.</summary>
    private static IEnumerable<(string Key, string? Value)> MetalLbAnnotations(JsonObject service) =>
        (service["metadata"]?["annotations"] as JsonObject ?? [])
            .Where(a => (a.Key.StartsWith("metallb.io/", StringComparison.Ordinal) || a.Key.StartsWith(ServiceAnnotations.DeprecatedPrefix, StringComparison.Ordinal))
                && a.Key is not (ServiceAnnotations.IPAllocatedFromPool or ServiceAnnotations.DeprecatedIPAllocatedFromPool))
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => (a.Key, Text(a.Value)));

    private static string? Annotation(JsonObject? service) => Text(service?["metadata"]?["annotations"]?[TraceParent.Annotation]);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
