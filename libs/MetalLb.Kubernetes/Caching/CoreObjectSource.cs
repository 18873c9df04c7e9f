using k8s;
using k8s.Models;

namespace MetalLb.Kubernetes.Caching;

/// <summary>List and watch of one core/v1 kind in all namespaces, through KubernetesClient's typed calls.</summary>
internal sealed class CoreObjectSource<T, TList>(
    CachedKind kind,
    Func<CancellationToken, Task<TList>> list,
    Func<string?, int, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch,
    Func<T, (object? Value, string? Problem)> map)
    : IKindSource
    where T : IKubernetesObject<V1ObjectMeta>
    where TList : IKubernetesObject<V1ListMeta>, IItems<T>
{
    public CachedKind Kind => kind;

    public async Task<KindList> ListAsync(CancellationToken cancellationToken)
    {
        var result = await list(cancellationToken).ConfigureAwait(false);
        return WatchItemFactory.ToList(
            result.Metadata?.ResourceVersion, (result.Items ?? []).Select(item => Decode(WatchEventType.Added, item)));
    }

    public IAsyncEnumerable<WatchItem> WatchAsync(string? resourceVersion, int timeoutSeconds, CancellationToken cancellationToken) =>
        WatchStreams.TranslateAsync(
            onError => watch(resourceVersion, timeoutSeconds, onError, cancellationToken), Decode, cancellationToken);

    private WatchItem Decode(WatchEventType type, T value) => WatchItemFactory.FromEvent(
        type,
        value?.Metadata?.NamespaceProperty,
        value?.Metadata?.Name,
        value?.Metadata?.ResourceVersion,
        () => map(value!));
}
