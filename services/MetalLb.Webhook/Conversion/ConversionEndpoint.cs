using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MetalLb.Webhook.Admission;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Conversion;

/// <summary><c>/convert</c>: the BGPPeer conversion webhook the CRD's conversion stanza points at.</summary>
public sealed partial class ConversionEndpoint(IOptions<WebhookOptions> options, ILogger<ConversionEndpoint> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
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

        var response = ConversionReview.For(Convert(request));
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, response, AdmissionJson.Options, http.RequestAborted);
    }

    /// <summary>Converts every object, or none: one failure fails the whole review, as the API server expects.</summary>
    public ConversionResponse Convert(ConversionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var desired = request.DesiredApiVersion!;
        var objects = request.Objects ?? [];
        using var activity = WebhookTelemetry.Source.StartActivity("convert BGPPeer", ActivityKind.Server);
        activity?.SetTag("conversion.desired_api_version", desired);
        activity?.SetTag("conversion.objects", objects.Count);
        var converted = new List<JsonNode>(objects.Count);
        foreach (var obj in objects)
        {
            var result = BgpPeerConverter.Convert(obj, desired, out var error);
            if (result is null)
            {
                activity?.SetStatus(ActivityStatusCode.Error, error);
                LogConversionFailed(logger, desired, error!);
                return new ConversionResponse { Uid = request.Uid!, Result = ConversionResult.Failure(error!) };
            }

            converted.Add(result);
        }

        return new ConversionResponse { Uid = request.Uid!, ConvertedObjects = converted, Result = ConversionResult.Success };
    }

    private static (ConversionRequest? Request, string? Error) Parse(byte[] body)
    {
        ConversionReview? review;
        try
        {
            review = JsonSerializer.Deserialize<ConversionReview>(body, AdmissionJson.Options);
        }
        catch (JsonException ex)
        {
            return (null, $"malformed ConversionReview: {ex.Message}");
        }

        if (review is null || review.ApiVersion != ConversionReview.V1 || review.Kind != ConversionReview.KindName)
        {
            return (null, $"unsupported review \"{review?.ApiVersion} {review?.Kind}\": this endpoint serves {ConversionReview.V1} {ConversionReview.KindName}");
        }

        return review.Request switch
        {
            null => (null, "ConversionReview has no request"),
            { Uid: null or "" } => (null, "ConversionReview request has no uid"),
            { DesiredApiVersion: null or "" } => (null, "ConversionReview request has no desiredAPIVersion"),
            var request => (request, null),
        };
    }

    private async Task RefuseAsync(HttpContext http, int status, string message)
    {
        LogBadRequest(logger, status, message);
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message + "\n", http.RequestAborted);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Refused conversion request with {Status}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Conversion to {ApiVersion} failed: {Reason}")]
    private static partial void LogConversionFailed(ILogger logger, string apiVersion, string reason);
}
