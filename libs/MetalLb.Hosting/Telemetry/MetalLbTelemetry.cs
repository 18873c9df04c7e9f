namespace MetalLb.Hosting.Telemetry;

/// <summary>Names shared by every service's telemetry.</summary>
public static class MetalLbTelemetry
{
    /// <summary>The ActivitySource and Meter name MassTransit uses for send, receive and consume.</summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>Every ActivitySource and Meter of ours (<c>MetalLb.Webhook</c>, <c>MetalLb.Allocator</c>, <c>MetalLb.Announcer</c>).</summary>
    public const string OwnSources = "MetalLb.*";

    /// <summary>The standard variable that turns the OTLP exporter on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The prefix of the standard OpenTelemetry variables (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, …).</summary>
    public const string OtelVariablePrefix = "OTEL_";

    public const string NodeNameVariable = "NODE_NAME";

    public const string PodNameVariable = "POD_NAME";

    public const string LiveTag = "live";
}
