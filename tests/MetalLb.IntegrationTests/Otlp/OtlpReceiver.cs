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
/// An OTLP/HTTP endpoint (http/protobuf) on 127.0.0.1, or on the test's own address on a test bridge: keeps the spans
/// and log records exporters send to <c>/v1/traces</c> and <c>/v1/logs</c>, and counts what reaches <c>/v1/metrics</c>.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private const string ProtobufType = "application/x-protobuf";
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<OtlpSpan> _spans = [];
    private readonly List<OtlpLogRecord> _logs = [];
    private readonly List<(Func<IReadOnlyList<OtlpSpan>, bool> Condition, TaskCompletionSource Done)> _waiters = [];
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

    public static async Task<OtlpReceiver> StartAsync(IPAddress? address = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(address ?? IPAddress.Loopback, 0));
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

    /// <summary>Completes once the spans received satisfy <paramref name="condition"/> (those received already count).</summary>
    public async Task<IReadOnlyList<OtlpSpan>> WaitForSpansAsync(Func<IReadOnlyList<OtlpSpan>, bool> condition, TimeSpan timeout, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(_spans))
            {
                return [.. _spans];
            }

            _waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the OTLP endpoint never received {what}; it has: {string.Join(", ", Spans.Select(s => s.Name).Distinct())}");
        }

        return Spans;
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
            foreach (var waiter in _waiters.Where(w => w.Condition(_spans)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
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
