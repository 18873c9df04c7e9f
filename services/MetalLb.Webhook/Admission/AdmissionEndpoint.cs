using System.Diagnostics;
using System.Text.Json;
using MetalLb.Webhook.Metrics;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Admission;

/// <summary>
/// The HTTP side of every admission path: reads and checks the AdmissionReview, runs one webhook inside a span, and
/// writes the response. Input it cannot read gets a 400 (or 413) with a message; nothing a client sends crashes it.
/// </summary>
public sealed partial class AdmissionEndpoint(IOptions<WebhookOptions> options, WebhookMetrics metrics, ILogger<AdmissionEndpoint> logger)
{
    private const string MutatingPrefix = "/mutate-";

    /// <param name="http">The request.</param>
    /// <param name="review">The webhook; its span is <see cref="Activity.Current"/> while it runs.</param>
    /// <param name="parentOf">The trace a request joins (a Service's traceparent), else the HTTP request's.</param>
    public async Task HandleAsync(HttpContext http, Func<AdmissionRequest, AdmissionDecision> review, Func<AdmissionRequest, ActivityContext>? parentOf = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(review);
        var started = Stopwatch.GetTimestamp();
        var path = http.Request.Path.Value ?? "";
        var body = await RequestBody.ReadAsync(http.Request, options.Value.MaxRequestBytes, http.RequestAborted);
        if (body is null)
        {
            await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, $"request body larger than {options.Value.MaxRequestBytes} bytes");
            return;
        }

        var (request, error) = Parse(body);
        if (request is null)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, error!);
            return;
        }

        var decision = Review(path, request, review, parentOf?.Invoke(request) ?? default);
        var response = AdmissionReview.For(decision.ToResponse(request.Uid!));
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, response, AdmissionJson.Options, http.RequestAborted);
        metrics.Reviewed(KindOf(request), request.Operation!, decision.Allowed, decision.Rule, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Parses and checks a review; returns the request or why it is unusable.</summary>
    private static (AdmissionRequest? Request, string? Error) Parse(byte[] body)
    {
        AdmissionReview? review;
        try
        {
            review = JsonSerializer.Deserialize<AdmissionReview>(body, AdmissionJson.Options);
        }
        catch (JsonException ex)
        {
            return (null, $"malformed AdmissionReview: {ex.Message}");
        }

        if (review is null)
        {
            return (null, "malformed AdmissionReview: the body is null");
        }

        if (review.ApiVersion != AdmissionReview.V1 || review.Kind != AdmissionReview.KindName)
        {
            return (null, $"unsupported review \"{review.ApiVersion} {review.Kind}\": this webhook serves {AdmissionReview.V1} {AdmissionReview.KindName}");
        }

        var request = review.Request;
        if (request is null)
        {
            return (null, "AdmissionReview has no request");
        }

        if (string.IsNullOrEmpty(request.Uid))
        {
            return (null, "AdmissionReview request has no uid");
        }

        if (!AdmissionOperation.IsKnown(request.Operation))
        {
            return (null, $"AdmissionReview request has an unknown operation \"{request.Operation}\"");
        }

        if (request.Subject is null)
        {
            var field = request.Operation == AdmissionOperation.Delete ? "oldObject" : "object";
            return (null, $"AdmissionReview request has no {field} (or it is not a JSON object)");
        }

        return (request, null);
    }

    private AdmissionDecision Review(string path, AdmissionRequest request, Func<AdmissionRequest, AdmissionDecision> review, ActivityContext parent)
    {
        var subject = request.Subject!;
        var kind = KindOf(request);
        var name = string.IsNullOrEmpty(request.Name) ? subject["metadata"]?["name"]?.ToString() ?? "" : request.Name;
        using var activity = WebhookTelemetry.Source.StartActivity($"admission {kind}", ActivityKind.Server, parent);
        activity?.SetTag(WebhookTelemetry.TypeTag, path.StartsWith(MutatingPrefix, StringComparison.Ordinal) ? "mutating" : "validating");
        activity?.SetTag(WebhookTelemetry.KindTag, kind);
        activity?.SetTag(WebhookTelemetry.NameTag, name);
        activity?.SetTag(WebhookTelemetry.NamespaceTag, request.Namespace);
        activity?.SetTag(WebhookTelemetry.OperationTag, request.Operation);

        AdmissionDecision decision;
        try
        {
            decision = review(request);
        }
        catch (Exception ex)
        {
            LogReviewFailed(logger, ex, path, kind, name);
            decision = new AdmissionDecision
            {
                Allowed = false,
                Code = AdmissionDecision.InternalError,
                Rule = DenialReason.InternalError,
                Message = $"internal error while reviewing {kind}/{name}: {ex.Message}",
            };
        }

        activity?.SetTag(WebhookTelemetry.AllowedTag, decision.Allowed);
        activity?.SetTag(WebhookTelemetry.ReasonTag, decision.Reason);
        if (!decision.Allowed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, decision.Message);
            LogDenied(logger, request.Operation, kind, request.Namespace, name, decision.Message);
        }
        else
        {
            LogAllowed(logger, request.Operation, kind, request.Namespace, name, decision.Reason);
        }

        return decision;
    }

    private static string KindOf(AdmissionRequest request) => request.Kind?.Kind ?? ObjectHeader.Of(request.Subject!).Kind;

    private async Task RefuseAsync(HttpContext http, int status, string message)
    {
        LogBadRequest(logger, http.Request.Path.Value, status, message);
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message + "\n", http.RequestAborted);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Allowed {Operation} {Kind} {Namespace}/{Name}: {Reason}")]
    private static partial void LogAllowed(ILogger logger, string? operation, string kind, string? @namespace, string name, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Denied {Operation} {Kind} {Namespace}/{Name}: {Reason}")]
    private static partial void LogDenied(ILogger logger, string? operation, string kind, string? @namespace, string name, string? reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Refused request to {Path} with {Status}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string? path, int status, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Reviewing {Kind}/{Name} at {Path} failed")]
    private static partial void LogReviewFailed(ILogger logger, Exception exception, string path, string kind, string name);
}
