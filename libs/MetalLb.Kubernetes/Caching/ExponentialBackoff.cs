namespace MetalLb.Kubernetes.Caching;

/// <summary>Retry delays that double from an initial value up to a cap, and start over after a success.</summary>
internal sealed class ExponentialBackoff
{
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan DefaultMax = TimeSpan.FromSeconds(10);

    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public ExponentialBackoff(TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        (_initial, _max, _next) = (initial, max, initial);
    }

    public ExponentialBackoff()
        : this(DefaultInitial, DefaultMax)
    {
    }

    /// <summary>The delay to wait now; the one after it is twice as long, up to the cap.</summary>
    public TimeSpan Next()
    {
        var current = _next;
        _next = current >= _max / 2 ? _max : current * 2;
        return current;
    }

    public void Reset() => _next = _initial;
}
