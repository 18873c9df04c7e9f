namespace MetalLb.Benchmarks.Cluster;

/// <summary>Nearest-rank percentiles of a set of durations in milliseconds.</summary>
internal sealed class LatencySummary(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();

    /// <summary>The smallest value at or below which fraction <paramref name="p"/> of the values fall.</summary>
    public double Percentile(double p) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}
