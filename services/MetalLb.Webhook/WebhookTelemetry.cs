using System.Diagnostics;

namespace MetalLb.Webhook;

/// <summary>The webhook's one ActivitySource and the tag names of its admission spans.</summary>
public static class WebhookTelemetry
{
    public const string SourceName = "MetalLb.Webhook";

    /// <summary>The default OpenTelemetry <c>service.name</c> (OTEL_SERVICE_NAME overrides it).</summary>
    public const string ServiceName = "metallb-svc-webhook";

    /// <summary><c>mutating</c> or <c>validating</c>: a Service passes both, mutating first.</summary>
    public const string TypeTag = "admission.type";

    public const string KindTag = "admission.kind";

    public const string NameTag = "admission.name";

    public const string NamespaceTag = "admission.namespace";

    public const string OperationTag = "admission.operation";

    public const string AllowedTag = "admission.allowed";

    public const string ReasonTag = "admission.reason";

    public static ActivitySource Source { get; } = new(SourceName, typeof(WebhookTelemetry).Assembly.GetName().Version?.ToString());
}
