using System.Collections.Concurrent;

namespace MetalLb.Kubernetes.Tests.Caching;

/// <summary>A delay that returns at once and remembers how long it was asked to wait.</summary>
internal sealed class RecordingDelay
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _delays.Enqueue(delay);
        return Task.CompletedTask;
    }
}
