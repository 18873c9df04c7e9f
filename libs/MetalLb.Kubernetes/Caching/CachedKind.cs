namespace MetalLb.Kubernetes.Caching;

/// <summary>The kinds the cache keeps, one store table and one list/watch loop each.</summary>
internal enum CachedKind
{
    IpAddressPool,
    L2Advertisement,
    BgpAdvertisement,
    BgpPeer,
    BfdProfile,
    Community,
    Namespace,
    Node,
    Service,
    EndpointSlice,
    LegacyConfigMap,
    Secret,
}
