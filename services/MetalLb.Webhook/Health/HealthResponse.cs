using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MetalLb.Webhook.Health;

/// <summary>Writes a health report as one line of text: <c>ok</c>, or the reasons it is not.</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(report);
        var text = report.Status == HealthStatus.Healthy
            ? "ok"
            : string.Join("; ", report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy).Select(e => e.Description));
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(text + "\n", http.RequestAborted);
    }
}
