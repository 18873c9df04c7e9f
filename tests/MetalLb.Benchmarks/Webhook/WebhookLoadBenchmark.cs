using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace MetalLb.Benchmarks.Webhook;

/// <summary>
/// <c>webhook-load</c>: the admission webhook under HTTP load with 1,000 pools in its current set. It starts the real
/// webhook as a separate process, sends AdmissionReviews that create a pool, and <c>/healthz</c> requests as the
/// ceiling of the same server, at concurrency 1, 16 and 64, and prints latency percentiles and throughput.
/// </summary>
internal static class WebhookLoadBenchmark
{
    public const string Mode = "webhook-load";
    public const string ReadinessPath = "/readyz";
    public const string HealthEndpoint = "GET /healthz";
    public const string CreateEndpoint = "POST pool CREATE";

    private const string HealthPath = "/healthz";
    private const int WarmupHealthRequests = 2_000;
    private const int WarmupCreateRequests = 1_000;

    /// <summary>Measured pool creates are checked one in this many; warm-up checks every answer.</summary>
    private const int CheckEvery = 100;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task<int> RunAsync(string[] args)
    {
        var options = WebhookLoadOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }

        // Ctrl+C and SIGTERM cancel the run, so the finally below still stops the webhook and deletes the temp dirs.
        using var stop = new CancellationTokenSource();
        void Cancel(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

        var manifests = Directory.CreateTempSubdirectory("webhook-load-manifests-");
        var certs = Directory.CreateTempSubdirectory("webhook-load-certs-");
        WebhookProcess? webhook = null;
        try
        {
            LoadManifests.Write(manifests.FullName, options.Pools);
            var assembly = await WebhookBuild.AssemblyAsync(stop.Token);
            webhook = WebhookProcess.Start(assembly, manifests.FullName, certs.FullName);
            using var client = await webhook.WaitUntilReadyAsync(options.Concurrencies.Max(), options.ReadyTimeout, stop.Token);
            await Console.Error.WriteLineAsync($"webhook-load: webhook ready at {webhook.Address} ({assembly})");

            var report = LoadReport.Format(await MeasureAsync(client, options, stop.Token), options);
            Console.WriteLine(report);
            if (options.OutFile is { } file)
            {
                await File.WriteAllTextAsync(file, report, stop.Token);
            }

            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("webhook-load: cancelled");
            return 130;
        }
        catch (Exception ex)
        {
            var known = ex is InvalidOperationException or TimeoutException or HttpRequestException;
            await Console.Error.WriteLineAsync($"webhook-load failed: {(known ? ex.Message : ex.ToString())}");
            if (webhook is not null)
            {
                await Console.Error.WriteLineAsync($"webhook output (last lines):\n{webhook.RecentOutput}");
            }

            return 1;
        }
        finally
        {
            webhook?.Dispose();
            manifests.Delete(recursive: true);
            certs.Delete(recursive: true);
        }
    }

    private static async Task<List<PhaseResult>> MeasureAsync(HttpClient client, WebhookLoadOptions options, CancellationToken cancellationToken)
    {
        var created = 0;
        PhaseResult Log(PhaseResult r)
        {
            Console.Error.WriteLine($"webhook-load: {r.Endpoint} c={r.Concurrency}: {r.Requests} requests, p99 {r.P99:0.00} ms, {r.RequestsPerSecond:0} req/s");
            return r;
        }

        async Task<PhaseResult> CreatesAsync(int concurrency, int count, Func<int, bool> check)
        {
            var phase = Creates(concurrency, count, created, options.PhaseLimit, check);
            created += count;
            return await phase.RunAsync(client, cancellationToken);
        }

        var warmup = options.Concurrencies.Max();
        await Health(warmup, Math.Min(WarmupHealthRequests, options.HealthRequests), options.PhaseLimit).RunAsync(client, cancellationToken);
        await CreatesAsync(warmup, Math.Min(WarmupCreateRequests, options.CreateRequests), _ => true);

        var results = new List<PhaseResult>();
        foreach (var concurrency in options.Concurrencies)
        {
            results.Add(Log(await Health(concurrency, options.HealthRequests, options.PhaseLimit).RunAsync(client, cancellationToken)));
            results.Add(Log(await CreatesAsync(concurrency, options.CreateRequests, i => i % CheckEvery == 0)));
        }

        return results;
    }

    private static LoadPhase Health(int concurrency, int count, TimeSpan limit) => new()
    {
        Endpoint = HealthEndpoint,
        Concurrency = concurrency,
        Count = count,
        Limit = limit,
        Request = _ => new HttpRequestMessage(HttpMethod.Get, HealthPath),
    };

    /// <summary>Creates of pools <c>load-{first}</c> onwards; the review bodies are built before the clock starts.</summary>
    private static LoadPhase Creates(int concurrency, int count, int first, TimeSpan limit, Func<int, bool> shouldCheck)
    {
        var bodies = Enumerable.Range(first, count).Select(PoolCreateReview.For).ToArray();
        return new LoadPhase
        {
            Endpoint = CreateEndpoint,
            Concurrency = concurrency,
            Count = count,
            Limit = limit,
            Request = i => new HttpRequestMessage(HttpMethod.Post, PoolCreateReview.Path)
            {
                Content = new ByteArrayContent(bodies[i]) { Headers = { ContentType = Json } },
            },
            ShouldCheck = shouldCheck,
            Check = (i, body) => CheckAllowed(first + i, body),
        };
    }

    private static void CheckAllowed(int n, byte[] body)
    {
        using var review = JsonDocument.Parse(body);
        var response = review.RootElement.GetProperty("response");
        var uid = response.GetProperty("uid").GetString();
        if (uid != PoolCreateReview.Uid(n) || !response.GetProperty("allowed").GetBoolean())
        {
            throw new InvalidOperationException($"pool create {n} was not allowed (or answered for another uid): {Encoding.UTF8.GetString(body)}");
        }
    }
}
