using System.Diagnostics;

namespace MetalLb.Benchmarks.Webhook;

/// <summary>
/// Sends up to <see cref="Count"/> requests with <see cref="Concurrency"/> in flight (closed loop: each worker sends
/// its next request when the previous answer is read), stopping early at <see cref="Limit"/>.
/// </summary>
internal sealed class LoadPhase
{
    public required string Endpoint { get; init; }

    public required int Concurrency { get; init; }

    public required int Count { get; init; }

    public required TimeSpan Limit { get; init; }

    /// <summary>The request with index i of this phase.</summary>
    public required Func<int, HttpRequestMessage> Request { get; init; }

    /// <summary>Checks the body of request i when <see cref="ShouldCheck"/> says so; throws when it is wrong.</summary>
    public Action<int, byte[]>? Check { get; init; }

    public Func<int, bool> ShouldCheck { get; init; } = _ => true;

    public async Task<PhaseResult> RunAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var next = -1;
        var latencies = new double[Count];
        var completed = new bool[Count];
        var clock = Stopwatch.StartNew();

        async Task WorkAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Count && clock.Elapsed < Limit)
            {
                using var request = Request(i);
                var start = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException(
                        $"{Endpoint} request {i}: HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
                }

                if (Check is not null && ShouldCheck(i))
                {
                    Check(i, body);
                }

                completed[i] = true;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(WorkAsync, cancellationToken)));
        var elapsed = clock.Elapsed;
        double[] measured = [.. latencies.Where((_, i) => completed[i])];
        return new PhaseResult(Endpoint, Concurrency, measured, elapsed, measured.Length < Count);
    }
}
