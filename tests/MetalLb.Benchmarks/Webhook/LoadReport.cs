using System.Globalization;
using System.Text;

namespace MetalLb.Benchmarks.Webhook;

/// <summary>The Markdown report: one row per phase, then the pool-create / healthz throughput ratio per concurrency.</summary>
internal static class LoadReport
{
    public static string Format(IReadOnlyList<PhaseResult> results, WebhookLoadOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant(
            $"Webhook load: {options.Pools:N0} IPAddressPools in the current set; HTTPS (HTTP/1.1, one connection per concurrent request) to 127.0.0.1; client and webhook on the same host, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}."));
        text.AppendLine();
        text.AppendLine("| endpoint | concurrency | requests | p50 ms | p99 ms | max ms | requests/s |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var requests = r.StoppedByTime ? Invariant($"{r.Requests:N0} (time limit)") : Invariant($"{r.Requests:N0}");
            text.AppendLine(Invariant($"| {r.Endpoint} | {r.Concurrency} | {requests} | {r.P50:0.00} | {r.P99:0.00} | {r.Max:0.00} | {r.RequestsPerSecond:N0} |"));
        }

        text.AppendLine();
        text.AppendLine("| concurrency | pool create req/s | healthz req/s | pool create / healthz |");
        text.AppendLine("|---:|---:|---:|---:|");
        foreach (var concurrency in options.Concurrencies)
        {
            var create = results.Single(r => r.Endpoint == WebhookLoadBenchmark.CreateEndpoint && r.Concurrency == concurrency);
            var health = results.Single(r => r.Endpoint == WebhookLoadBenchmark.HealthEndpoint && r.Concurrency == concurrency);
            text.AppendLine(Invariant(
                $"| {concurrency} | {create.RequestsPerSecond:N0} | {health.RequestsPerSecond:N0} | {create.RequestsPerSecond / health.RequestsPerSecond:0.00} |"));
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
