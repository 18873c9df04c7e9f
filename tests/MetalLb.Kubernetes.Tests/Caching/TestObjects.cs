using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Caching;

namespace MetalLb.Kubernetes.Tests.Caching;

/// <summary>Small domain objects as the cache stores them.</summary>
internal static class TestObjects
{
    public const string Namespace = "metallb-system";

    public static CachedObject Pool(string name, string resourceVersion, params string[] addresses) => new(
        $"{Namespace}/{name}",
        resourceVersion,
        new IpAddressPool(Meta(name, Namespace, resourceVersion), new IpAddressPoolSpec { Addresses = addresses }));

    public static CachedObject Service(string @namespace, string name, string resourceVersion) => new(
        $"{@namespace}/{name}", resourceVersion, new ServiceInfo(Meta(name, @namespace, resourceVersion)) { Type = "LoadBalancer" });

    public static CachedObject Node(string name, string resourceVersion) =>
        new(name, resourceVersion, new NodeInfo(Meta(name, null, resourceVersion)));

    public static CachedObject Of(CachedKind kind, string name, string resourceVersion)
    {
        var clusterScoped = kind is CachedKind.Namespace or CachedKind.Node;
        var meta = Meta(name, clusterScoped ? null : Namespace, resourceVersion);
        object value = kind switch
        {
            CachedKind.IpAddressPool => new IpAddressPool(meta, new IpAddressPoolSpec()),
            CachedKind.L2Advertisement => new L2Advertisement(meta, new L2AdvertisementSpec()),
            CachedKind.BgpAdvertisement => new BgpAdvertisement(meta, new BgpAdvertisementSpec()),
            CachedKind.BgpPeer => new BgpPeer(meta, new BgpPeerSpec()),
            CachedKind.BfdProfile => new BfdProfile(meta, new BfdProfileSpec()),
            CachedKind.Community => new Community(meta, new CommunitySpec()),
            CachedKind.Namespace => new NamespaceInfo(meta),
            CachedKind.Node => new NodeInfo(meta),
            CachedKind.Service => new ServiceInfo(meta),
            CachedKind.EndpointSlice => new EndpointSliceInfo(meta),
            CachedKind.LegacyConfigMap => new LegacyConfigMap(meta, "address-pools: []"),
            CachedKind.Secret => new SecretInfo(meta),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return new CachedObject(CachedObject.KeyOf(meta.Namespace, name), resourceVersion, value);
    }

    public static IReadOnlyList<string> Names(IEnumerable<IMetalLbObject> objects) => [.. objects.Select(o => o.Metadata.Name)];

    public static ObjectMeta Meta(string name, string? @namespace, string resourceVersion) =>
        new() { Name = name, Namespace = @namespace, ResourceVersion = resourceVersion };
}
