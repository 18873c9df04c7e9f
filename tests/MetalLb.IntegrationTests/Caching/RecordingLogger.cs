using System.Collections.Concurrent;
using MetalLb.Kubernetes.Caching;
using Microsoft.Extensions.Logging;

namespace MetalLb.IntegrationTests.Caching;

/// <summary>A logger for <see cref="ClusterObjectCache"/> that keeps every entry, so a test can tell how the cache recovered.</summary>
internal sealed class RecordingLogger : ILogger<ClusterObjectCache>
{
    private readonly ConcurrentQueue<(EventId Id, string Message)> _entries = new();

    public IReadOnlyList<(EventId Id, string Message)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((eventId, formatter(state, exception)));
}
