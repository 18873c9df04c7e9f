using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MetalLb.Kubernetes.Caching;

namespace MetalLb.Kubernetes.Tests.Caching;

/// <summary>
/// A scripted list/watch source: each list and each watch takes the next step queued by the test; with nothing
/// queued it blocks until a step arrives or the run is cancelled, and completes <see cref="Idle"/>.
/// </summary>
internal sealed class FakeKindSource(CachedKind kind) : IKindSource
{
    private readonly Channel<Func<KindList>> _lists = Channel.CreateUnbounded<Func<KindList>>();
    private readonly Channel<WatchScript> _watches = Channel.CreateUnbounded<WatchScript>();
    private readonly ConcurrentQueue<string?> _watchVersions = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _listCalls;

    public CachedKind Kind => kind;

    /// <summary>Completes when the reflector waits for a step that has not been queued (or sits in an open watch).</summary>
    public Task Idle
    {
        get
        {
            lock (_gate)
            {
                return _idle.Task.WaitAsync(TimeSpan.FromSeconds(20));
            }
        }
    }

    public int ListCalls => Volatile.Read(ref _listCalls);

    /// <summary>The resourceVersion each watch was opened from, in order.</summary>
    public IReadOnlyList<string?> WatchVersions => [.. _watchVersions];

    public FakeKindSource List(string resourceVersion, params CachedObject[] objects) =>
        List(() => new KindList(resourceVersion, objects));

    public FakeKindSource List(Func<KindList> step) => Add(_lists, step);

    public FakeKindSource FailList(Exception exception) => List(() => throw exception);

    public FakeKindSource Watch(WatchScript script) => Add(_watches, script);

    public FakeKindSource Watch(params WatchItem[] items) => Watch(new WatchScript(items));

    public FakeKindSource WatchOpen(params WatchItem[] items) => Watch(new WatchScript(items) { StayOpen = true });

    public async Task<KindList> ListAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listCalls);
        var step = await NextAsync(_lists, cancellationToken);
        return step();
    }

    public async IAsyncEnumerable<WatchItem> WatchAsync(
        string? resourceVersion, int timeoutSeconds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _watchVersions.Enqueue(resourceVersion);
        var script = await NextAsync(_watches, cancellationToken);
        if (script.FailAtStart is { } atStart)
        {
            throw atStart;
        }

        foreach (var item in script.Items)
        {
            yield return item;
        }

        if (script.FailAtEnd is { } atEnd)
        {
            throw atEnd;
        }

        if (script.StayOpen)
        {
            lock (_gate)
            {
                _idle.TrySetResult();
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    /// <summary>A new step and a new <see cref="Idle"/> at once, so an idle signal never refers to a step not yet taken.</summary>
    private FakeKindSource Add<T>(Channel<T> channel, T step)
    {
        lock (_gate)
        {
            _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            channel.Writer.TryWrite(step);
        }

        return this;
    }

    private async Task<T> NextAsync<T>(Channel<T> channel, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (channel.Reader.TryRead(out var step))
            {
                return step;
            }

            _idle.TrySetResult();
        }

        return await channel.Reader.ReadAsync(cancellationToken);
    }
}
