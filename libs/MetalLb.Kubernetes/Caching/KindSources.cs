using k8s;
using k8s.Models;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Entities;

namespace MetalLb.Kubernetes.Caching;

/// <summary>The KubernetesClient-backed sources for every kind the options ask for.</summary>
internal static class KindSources
{
    private const string MetalLbGroup = V1beta1IPAddressPool.Group;

    public static IReadOnlyList<IKindSource> Create(IKubernetes client, ClusterObjectCacheOptions options)
    {
        var ns = options.Namespace;
        List<IKindSource> sources =
        [
            Custom(client, CachedKind.IpAddressPool, V1beta1IPAddressPool.Version, V1beta1IPAddressPool.Plural, ns,
                RawObjectDecoder.For<V1beta1IPAddressPool>(e => e.ToDomain())),
            Custom(client, CachedKind.L2Advertisement, V1beta1L2Advertisement.Version, V1beta1L2Advertisement.Plural, ns,
                RawObjectDecoder.For<V1beta1L2Advertisement>(e => e.ToDomain())),
            Custom(client, CachedKind.BgpAdvertisement, V1beta1BGPAdvertisement.Version, V1beta1BGPAdvertisement.Plural, ns,
                RawObjectDecoder.For<V1beta1BGPAdvertisement>(e => e.ToDomain())),
            Custom(client, CachedKind.BgpPeer, V1beta2BGPPeer.Version, V1beta2BGPPeer.Plural, ns,
                RawObjectDecoder.For<V1beta2BGPPeer>(e => e.ToDomain())),
            Custom(client, CachedKind.BfdProfile, V1beta1BFDProfile.Version, V1beta1BFDProfile.Plural, ns,
                RawObjectDecoder.For<V1beta1BFDProfile>(e => e.ToDomain())),
            Custom(client, CachedKind.Community, V1beta1Community.Version, V1beta1Community.Plural, ns,
                RawObjectDecoder.For<V1beta1Community>(e => e.ToDomain())),
            new CoreObjectSource<V1Namespace, V1NamespaceList>(
                CachedKind.Namespace,
                ct => client.CoreV1.ListNamespaceAsync(cancellationToken: ct),
                (rv, timeout, onError, ct) => client.CoreV1.WatchListNamespaceAsync(
                    allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
                n => (CoreObjectMapper.ToDomain(n), null)),
        ];

        if (options.IncludeNodes)
        {
            sources.Add(new CoreObjectSource<V1Node, V1NodeList>(
                CachedKind.Node,
                ct => client.CoreV1.ListNodeAsync(cancellationToken: ct),
                (rv, timeout, onError, ct) => client.CoreV1.WatchListNodeAsync(
                    allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
                n => (CoreObjectMapper.ToDomain(n), null)));
        }

        if (options.IncludeServices)
        {
            sources.Add(new CoreObjectSource<V1Service, V1ServiceList>(
                CachedKind.Service,
                ct => client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct),
                (rv, timeout, onError, ct) => client.CoreV1.WatchListServiceForAllNamespacesAsync(
                    allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
                s => CoreObjectMapper.TryToDomain(s, out var service, out var problem) ? (service, null) : (null, problem)));
        }

        if (options.IncludeEndpointSlices)
        {
            sources.Add(new EndpointSliceSource(client));
        }

        if (options.IncludeLegacyConfigMap)
        {
            const string selector = "metadata.name=" + LegacyConfigMap.ObjectName;
            sources.Add(new CoreObjectSource<V1ConfigMap, V1ConfigMapList>(
                CachedKind.LegacyConfigMap,
                ct => client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: selector, cancellationToken: ct),
                (rv, timeout, onError, ct) => client.CoreV1.WatchListNamespacedConfigMapAsync(
                    ns, allowWatchBookmarks: true, fieldSelector: selector, resourceVersion: rv, timeoutSeconds: timeout,
                    onError: onError, cancellationToken: ct),
                c => (CoreObjectMapper.ToDomain(c), null)));
        }

        if (options.IncludeSecrets)
        {
            sources.Add(new CoreObjectSource<V1Secret, V1SecretList>(
                CachedKind.Secret,
                ct => client.CoreV1.ListNamespacedSecretAsync(ns, cancellationToken: ct),
                (rv, timeout, onError, ct) => client.CoreV1.WatchListNamespacedSecretAsync(
                    ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
                s => (CoreObjectMapper.ToDomain(s), null)));
        }

        return sources;
    }

    private static CustomObjectSource Custom(
        IKubernetes client, CachedKind kind, string version, string plural, string @namespace, RawObjectDecoder decoder) =>
        new(client, kind, MetalLbGroup, version, plural, @namespace, decoder);
}
