namespace MetalLb.Kubernetes.Caching;

/// <summary>List and watch of one kind, already decoded into domain objects; the seam between the cache and the API server.</summary>
internal interface IKindSource
{
    CachedKind Kind { get; }

    /// <summary>A consistent list of every object of the kind (no resourceVersion: read from etcd, never stale).</summary>
    Task<KindList> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The changes after <paramref name="resourceVersion"/>, until the API server ends the watch (after about
    /// <paramref name="timeoutSeconds"/>). Connection errors are thrown; ERROR events are yielded as items.
    /// </summary>
    IAsyncEnumerable<WatchItem> WatchAsync(string? resourceVersion, int timeoutSeconds, CancellationToken cancellationToken);
}
