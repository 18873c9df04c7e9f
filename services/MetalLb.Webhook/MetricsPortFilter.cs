using Microsoft.Extensions.Options;

namespace MetalLb.Webhook;

/// <summary>
/// Keeps admission and conversion off the plain-HTTP metrics port: a request that arrived on
/// <see cref="WebhookOptions.MetricsPort"/> is answered 404, so AdmissionReviews are only ever read and answered over
/// TLS, where the API server sends them.
/// </summary>
internal static class MetricsPortFilter
{
    public static ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var port = context.HttpContext.RequestServices.GetRequiredService<IOptions<WebhookOptions>>().Value.MetricsPort;
        return port is { } metrics && context.HttpContext.Connection.LocalPort == metrics
            ? ValueTask.FromResult<object?>(Results.NotFound())
            : next(context);
    }
}
