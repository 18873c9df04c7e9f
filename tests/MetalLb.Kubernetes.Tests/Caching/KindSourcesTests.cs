using MetalLb.Kubernetes.Caching;

namespace MetalLb.Kubernetes.Tests.Caching;

public class KindSourcesTests
{
    private static readonly CachedKind[] MetalLbKinds =
    [
        CachedKind.IpAddressPool, CachedKind.L2Advertisement, CachedKind.BgpAdvertisement, CachedKind.BgpPeer,
        CachedKind.BfdProfile, CachedKind.Community,
    ];

    [Theory]
    [InlineData(true, true, new[] { "Namespace", "Node", "Service" })]
    [InlineData(false, true, new[] { "Namespace", "Service" })]
    [InlineData(true, false, new[] { "Namespace", "Node" })]
    [InlineData(false, false, new[] { "Namespace" })]
    public void Create_WatchesTheMetalLbKindsAndTheCoreKindsAskedFor(bool nodes, bool services, string[] core)
    {
        var options = new ClusterObjectCacheOptions { IncludeNodes = nodes, IncludeServices = services };

        var sources = KindSources.Create(ClusterObjectCacheTests.UnreachableClient(), options);

        Assert.Equal([.. MetalLbKinds, .. core.Select(Enum.Parse<CachedKind>)], sources.Select(s => s.Kind));
    }

    [Theory]
    [InlineData(false, new string[0])]
    [InlineData(true, new[] { "Secret" })]
    public void Create_WatchesSecrets_OnlyWhenAskedFor(bool secrets, string[] extra)
    {
        var options = new ClusterObjectCacheOptions { IncludeNodes = false, IncludeServices = false, IncludeSecrets = secrets };

        var sources = KindSources.Create(ClusterObjectCacheTests.UnreachableClient(), options);

        Assert.Equal([.. MetalLbKinds, CachedKind.Namespace, .. extra.Select(Enum.Parse<CachedKind>)], sources.Select(s => s.Kind));
    }
}
