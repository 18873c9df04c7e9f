using k8s;
using MetalLb.Allocator;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Hosting.Telemetry;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.TestSupport.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetalLb.IntegrationTests.Metrics;

/// <summary>
/// An allocator replica served over HTTP on loopback as its Program.cs serves it (<c>AddAllocatorService</c>,
/// <c>MapAllocatorService</c>), against a test API server; plans are recorded instead of sent.
/// </summary>
internal sealed class WebAllocator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private WebAllocator(WebApplication app, Uri address)
    {
        _app = app;
        _http.BaseAddress = address;
    }

    public IServiceProvider Services => _app.Services;

    public static async Task<WebAllocator> StartAsync(IKubernetes client, string identity)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Allocator:Identity"] = identity,
            ["Allocator:LeaseDuration"] = "00:00:04",
            ["Allocator:RenewDeadline"] = "00:00:03",
            ["Allocator:RetryPeriod"] = "00:00:00.500",
        });
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<IPlanPublisher>(new RecordingPlanPublisher());
        builder.AddAllocatorService();
        var app = builder.Build();
        app.MapAllocatorService();
        await app.StartAsync();
        return new WebAllocator(app, new Uri(app.Urls.First()));
    }

    public async Task<PrometheusText> ScrapeAsync() =>
        PrometheusText.Parse(await _http.GetStringAsync(PrometheusExtensions.MetricsPath));

    /// <summary>Scrapes until <paramref name="condition"/> holds (the values follow reconcile passes, which raise no event here).</summary>
    public async Task<PrometheusText> ScrapeUntilAsync(Func<PrometheusText, bool> condition, string what)
    {
        PrometheusText? last = null;
        try
        {
            await AllocatorCluster.Until(
                async () =>
                {
                    last = await ScrapeAsync();
                    return condition(last);
                },
                what);
        }
        catch (TimeoutException ex)
        {
            var ours = last?.Samples.Where(s => s.Name.StartsWith("metallb_", StringComparison.Ordinal))
                .Select(s => $"{s.Name}{{{string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}");
            throw new TimeoutException($"{ex.Message}; last scrape:\n{string.Join("\n", ours ?? [])}", ex);
        }

        return last!;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
