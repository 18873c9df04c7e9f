namespace MetalLb.Benchmarks.Webhook;

/// <summary>What one phase measured: request latencies in milliseconds (sorted) over a wall-clock time.</summary>
internal sealed class PhaseResult(string endpoint, int concurrency, double[] latenciesMs, TimeSpan elapsed, bool stoppedByTime)
{
    private readonly double[] _sorted = [.. latenciesMs.Order()];

    public string Endpoint { get; } = endpoint;

    public int Concurrency { get; } = concurrency;

    public int Requests => _sorted.Length;

    public TimeSpan Elapsed { get; } = elapsed;

    /// <summary>True when the time limit ended the phase before all its requests were sent.</summary>
    public bool StoppedByTime { get; } = stoppedByTime;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Nearest rank: the smallest latency at or above which fraction <paramref name="p"/> of requests fall.</summary>
    private double Percentile(double p) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}
