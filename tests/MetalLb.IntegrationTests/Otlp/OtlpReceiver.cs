using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetalLb.IntegrationTests.Otlp;

/// <summary>
/// An OTLP/HTTP endpoint (http/protobuf) on 127.0.0.1: keeps the spans and log records exporters send to
/// <c>/v1/traces</c> and <c>/v1/logs</c>, and counts what reaches <c>/v1/metrics</c>.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private const string ProtobufType = "application/x-protobuf";
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<OtlpSpan> _spans = [];
    private readonly List<OtlpLogRecord> _logs = [];
    private int _metricsRequests;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>What OTEL_EXPORTER_OTLP_ENDPOINT should say; exporters append <c>/v1/&lt;signal&gt;</c>.</summary>
    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<OtlpSpan> Spans
    {
        get
        {
            lock (_lock)
            {
                return [.. _spans];
            }
        }
    }

    public IReadOnlyList<OtlpLogRecord> Logs
    {
        get
        {
            lock (_lock)
            {
                return [.. _logs];
            }
        }
    }

    public int MetricsRequests => Volatile.Read(ref _metricsRequests);

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) => receiver.Add(OtlpSpan.Decode(await BodyAsync(request)), receiver._spans));
        app.MapPost("/v1/logs", async (HttpRequest request) => receiver.Add(OtlpLogRecord.Decode(await BodyAsync(request)), receiver._logs));
        app.MapPost("/v1/metrics", () =>
        {
            Interlocked.Increment(ref receiver._metricsRequests);
            return Results.Bytes([], ProtobufType);
        });
        await app.StartAsync();
        receiver.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Add<T>(IEnumerable<T> items, List<T> into)
    {
        var decoded = items.ToList();
        lock (_lock)
        {
            into.AddRange(decoded);
        }

        // An empty ExportTraceServiceResponse / ExportLogsServiceResponse: everything accepted.
        return Results.Bytes([], ProtobufType);
    }

    private static async Task<ReadOnlyMemory<byte>> BodyAsync(HttpRequest request)
    {
        Assert.Equal(ProtobufType, request.ContentType);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return body.ToArray();
    }
}
