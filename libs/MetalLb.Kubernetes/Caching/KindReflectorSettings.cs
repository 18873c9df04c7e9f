namespace MetalLb.Kubernetes.Caching;

/// <summary>Timing of a <see cref="KindReflector"/>; tests replace the delay so that no test sleeps.</summary>
internal sealed record KindReflectorSettings
{
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long past <see cref="WatchTimeout"/> the client waits before it drops a silent connection.</summary>
    public TimeSpan WatchGrace { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A watch that ends without events sooner than this is treated as a failure to connect.</summary>
    public TimeSpan MinHealthyWatch { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan InitialBackoff { get; init; } = ExponentialBackoff.DefaultInitial;

    public TimeSpan MaxBackoff { get; init; } = ExponentialBackoff.DefaultMax;

    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;
}
