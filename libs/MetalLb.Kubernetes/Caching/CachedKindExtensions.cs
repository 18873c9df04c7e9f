using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Caching;

/// <summary>The Kubernetes kind names of <see cref="CachedKind"/>, for messages.</summary>
internal static class CachedKindExtensions
{
    public static string KindName(this CachedKind kind) => kind switch
    {
        CachedKind.IpAddressPool => IpAddressPool.KindName,
        CachedKind.L2Advertisement => L2Advertisement.KindName,
        CachedKind.BgpAdvertisement => BgpAdvertisement.KindName,
        CachedKind.BgpPeer => BgpPeer.KindName,
        CachedKind.BfdProfile => BfdProfile.KindName,
        CachedKind.Community => Community.KindName,
        CachedKind.Namespace => NamespaceInfo.KindName,
        CachedKind.Node => NodeInfo.KindName,
        CachedKind.Service => ServiceInfo.KindName,
        CachedKind.LegacyConfigMap => LegacyConfigMap.KindName,
        CachedKind.Secret => SecretInfo.KindName,
        _ => kind.ToString(),
    };
}
