using k8s;
using MetalLb.Domain.Config;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetalLb.Kubernetes.Caching;

/// <summary>
/// An informer-style cache of the metallb.io objects in the MetalLB namespace and of the cluster's Namespaces, Nodes
/// and Services, kept by list + watch and read as one immutable <see cref="ConfigSource"/>.
/// </summary>
/// <remarks>
/// Each kind is listed and watched on its own; a kind that cannot be read (CRD missing, API server down) is retried
/// with a backoff while the others go on. Host it as a hosted service, or call <see cref="BackgroundService.StartAsync"/>
/// and <see cref="WaitForSyncAsync"/> directly.
/// </remarks>
public sealed class ClusterObjectCache : BackgroundService
{
    private readonly ClusterObjectStore _store = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly KindReflector[] _reflectors;
    private readonly ILogger _logger;
    private int _unsynced;

    public ClusterObjectCache(IKubernetes client, ClusterObjectCacheOptions options, ILogger<ClusterObjectCache>? logger = null)
        : this(
            KindSources.Create(client, Validated(options)),
            new KindReflectorSettings { WatchTimeout = options.WatchTimeout },
            logger ?? NullLogger<ClusterObjectCache>.Instance)
    {
    }

    internal ClusterObjectCache(IReadOnlyList<IKindSource> sources, KindReflectorSettings settings, ILogger logger)
    {
        _logger = logger;
        _unsynced = sources.Count;
        _reflectors = [.. sources.Select(s => new KindReflector(s, _store, logger, settings, OnChanged, OnSynced))];
        if (_unsynced == 0)
        {
            _synced.TrySetResult();
        }
    }

    /// <summary>
    /// Raised after each change has been applied to <see cref="Snapshot"/>, outside any lock, on the thread that
    /// applied it; kinds are watched concurrently, so handlers may run concurrently too. A throwing handler is logged.
    /// </summary>
    public event Action? Changed;

    /// <summary>Every cached object; a new immutable instance after each change, so it is cheap to read from any thread.</summary>
    public ConfigSource Snapshot => _store.Snapshot;

    /// <summary>Incremented on every change (after <see cref="Snapshot"/> has been replaced).</summary>
    public long Version => _store.Version;

    /// <summary>True once every kind has completed its first list.</summary>
    public bool IsSynced => _synced.Task.IsCompletedSuccessfully;

    /// <summary>Completes once every kind has completed its first list.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) => _synced.Task.WaitAsync(cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_reflectors.Select(r => r.RunAsync(stoppingToken)));

    private static ClusterObjectCacheOptions Validated(ClusterObjectCacheOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Namespace, $"{nameof(ClusterObjectCacheOptions)}.{nameof(options.Namespace)}");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(
            options.WatchTimeout, TimeSpan.Zero, $"{nameof(ClusterObjectCacheOptions)}.{nameof(options.WatchTimeout)}");
        return options;
    }

    private void OnChanged()
    {
        if (Changed is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action>())
        {
            try
            {
                handler();
            }
            catch (Exception ex)
            {
                ClusterObjectCacheLog.ChangedHandlerFailed(_logger, ex);
            }
        }
    }

    private void OnSynced()
    {
        if (Interlocked.Decrement(ref _unsynced) == 0)
        {
            ClusterObjectCacheLog.Synced(_logger, _reflectors.Length);
            _synced.TrySetResult();
        }
    }
}
