using k8s;

namespace MetalLb.Kubernetes.Caching;

/// <summary>List and watch of one metallb.io kind in one namespace through KubernetesClient's CustomObjects API.</summary>
internal sealed class CustomObjectSource(
    IKubernetes client, CachedKind kind, string group, string version, string plural, string @namespace, RawObjectDecoder decoder)
    : IKindSource
{
    public CachedKind Kind => kind;

    public async Task<KindList> ListAsync(CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync(
            group, version, @namespace, plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return decoder.DecodeList(list);
    }

    public IAsyncEnumerable<WatchItem> WatchAsync(string? resourceVersion, int timeoutSeconds, CancellationToken cancellationToken) =>
        WatchStreams.TranslateAsync(
            onError => client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                group,
                version,
                @namespace,
                plural,
                allowWatchBookmarks: true,
                resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds,
                onError: onError,
                cancellationToken: cancellationToken),
            decoder.Decode,
            cancellationToken);
}
