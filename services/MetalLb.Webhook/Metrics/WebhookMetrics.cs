using System.Diagnostics.Metrics;
using MetalLb.Domain.Config;
using MetalLb.Webhook.Store;
using MetalLb.Webhook.Webhooks;

namespace MetalLb.Webhook.Metrics;

/// <summary>
/// The webhook's metrics: MetalLB's <c>metallb_k8s_client_*</c> for its object cache, and ours,
/// <c>metallb_svc_webhook_request_duration_seconds{kind,operation,allowed}</c> and
/// <c>metallb_svc_webhook_denials_total{kind,reason}</c>.
/// </summary>
/// <remarks>
/// Labels stay bounded whatever a client sends: <c>kind</c> is one of the kinds the webhook serves (else <c>other</c>),
/// <c>operation</c> one of CREATE, UPDATE, DELETE, CONNECT (others are refused before review), <c>allowed</c> true or
/// false, <c>reason</c> a <see cref="Admission.DenialReason"/> code. For the cache: <c>config_loaded_bool</c> is 1 once
/// the current objects have validated at least once, <c>config_stale_bool</c> 1 while they do not (the webhook then
/// judges writes against a set that has errors), <c>updates_total</c> counts each new set of objects validated and
/// <c>update_errors_total</c> those that did not validate. The gauges report nothing before the cache's first list.
/// </remarks>
public sealed class WebhookMetrics
{
    public const string MeterName = "MetalLb.Webhook";

    public const string RequestDuration = "metallb_svc_webhook_request_duration_seconds";

    public const string Denials = "metallb_svc_webhook_denials_total";

    public const string Other = "other";

    /// <summary>Bucket bounds in seconds: admission is sub-millisecond to a few milliseconds; the API server gives up at 10 s.</summary>
    public static IReadOnlyList<double> Buckets { get; } =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly HashSet<string> ServedKinds =
        [.. MetalLbObjectWebhook.Paths.Values, ServiceInfo.KindName, NamespaceInfo.KindName];

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _denials;

    public WebhookMetrics(IMeterFactory meterFactory, ValidationCache cache, IObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(store);
        var meter = meterFactory.Create(MeterName);
        _duration = meter.CreateHistogram(
            RequestDuration,
            unit: null,
            description: "time to review an admission request, by kind, operation and verdict",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        _denials = meter.CreateCounter<long>(Denials, description: "admission requests denied, by kind and rule");
        meter.CreateObservableGauge(
            "metallb_k8s_client_config_loaded_bool",
            () => Synced(store, cache, _ => cache.HasBeenValid),
            description: "1 once the current metallb.io objects have validated");
        meter.CreateObservableGauge(
            "metallb_k8s_client_config_stale_bool",
            () => Synced(store, cache, current => !current.Result.IsValid),
            description: "1 while the current metallb.io objects do not validate");
        meter.CreateObservableCounter("metallb_k8s_client_updates_total", () => cache.Validations, description: "sets of current objects validated");
        meter.CreateObservableCounter(
            "metallb_k8s_client_update_errors_total", () => cache.InvalidValidations, description: "sets of current objects that did not validate");
    }

    /// <summary>The <c>kind</c> label for a kind a request names: itself if served, else <see cref="Other"/>.</summary>
    public static string KindLabel(string? kind) => kind is not null && ServedKinds.Contains(kind) ? kind : Other;

    /// <summary>Records one reviewed request; a denial is counted under its rule.</summary>
    public void Reviewed(string? kind, string operation, bool allowed, string? rule, TimeSpan elapsed)
    {
        var label = KindLabel(kind);
        _duration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("kind", label),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("allowed", allowed ? "true" : "false"));
        if (!allowed)
        {
            _denials.Add(
                1,
                new KeyValuePair<string, object?>("kind", label),
                new KeyValuePair<string, object?>("reason", rule ?? Admission.DenialReason.Unspecified));
        }
    }

    /// <summary>A gauge of the current objects' validation (validated now if no request has yet); nothing before the first list.</summary>
    private static IEnumerable<Measurement<int>> Synced(IObjectStore store, ValidationCache cache, Func<ValidatedSet, bool> value)
    {
        if (!store.IsSynced)
        {
            return [];
        }

        var current = cache.Current(store.Snapshot);
        return [new Measurement<int>(value(current) ? 1 : 0)];
    }
}
