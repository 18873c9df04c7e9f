using MetalLb.Kubernetes.Caching;

namespace MetalLb.Webhook.Store;

/// <summary>Runs the cluster cache when it is the object store in use (not when a manifest directory or a test's store is).</summary>
public sealed class ClusterObjectStoreRunner(IServiceProvider services) : IHostedService
{
    private ClusterObjectCache? _cache;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _cache = (services.GetRequiredService<IObjectStore>() as ClusterObjectStoreAdapter)?.Cache;
        return _cache?.StartAsync(cancellationToken) ?? Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _cache?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
