namespace MetalLb.Domain.Config;

/// <summary>
/// A set of objects as they would stand after <c>kubectl apply</c> of all of them: the input of validation and
/// allocation.
/// </summary>
public sealed record ConfigSource
{
    public IReadOnlyList<IpAddressPool> Pools { get; init; } = [];

    public IReadOnlyList<L2Advertisement> L2Advertisements { get; init; } = [];

    public IReadOnlyList<BgpAdvertisement> BgpAdvertisements { get; init; } = [];

    public IReadOnlyList<BgpPeer> Peers { get; init; } = [];

    public IReadOnlyList<BfdProfile> BfdProfiles { get; init; } = [];

    public IReadOnlyList<Community> Communities { get; init; } = [];

    public IReadOnlyList<NamespaceInfo> Namespaces { get; init; } = [];

    public IReadOnlyList<NodeInfo> Nodes { get; init; } = [];

    public IReadOnlyList<ServiceInfo> Services { get; init; } = [];

    public IReadOnlyList<EndpointSliceInfo> EndpointSlices { get; init; } = [];

    /// <summary>MetalLB's pre-v0.13 ConfigMap <c>config</c>, when it is read (the allocator converts it live).</summary>
    public IReadOnlyList<LegacyConfigMap> LegacyConfigMaps { get; init; } = [];

    /// <summary>Secrets of the MetalLB namespace (BGPPeer <c>passwordSecret</c>); only the allocator reads them.</summary>
    public IReadOnlyList<SecretInfo> Secrets { get; init; } = [];

    /// <summary>This set followed by the objects of <paramref name="other"/>.</summary>
    public ConfigSource Concat(ConfigSource other) => new()
    {
        Pools = [.. Pools, .. other.Pools],
        L2Advertisements = [.. L2Advertisements, .. other.L2Advertisements],
        BgpAdvertisements = [.. BgpAdvertisements, .. other.BgpAdvertisements],
        Peers = [.. Peers, .. other.Peers],
        BfdProfiles = [.. BfdProfiles, .. other.BfdProfiles],
        Communities = [.. Communities, .. other.Communities],
        Namespaces = [.. Namespaces, .. other.Namespaces],
        Nodes = [.. Nodes, .. other.Nodes],
        Services = [.. Services, .. other.Services],
        EndpointSlices = [.. EndpointSlices, .. other.EndpointSlices],
        LegacyConfigMaps = [.. LegacyConfigMaps, .. other.LegacyConfigMaps],
        Secrets = [.. Secrets, .. other.Secrets],
    };

    /// <summary>Number of objects of every kind.</summary>
    public int Count => Pools.Count + L2Advertisements.Count + BgpAdvertisements.Count + Peers.Count + BfdProfiles.Count +
        Communities.Count + Namespaces.Count + Nodes.Count + Services.Count + EndpointSlices.Count + LegacyConfigMaps.Count +
        Secrets.Count;

    /// <summary>All metallb.io objects, in kind order.</summary>
    public IEnumerable<IMetalLbObject> MetalLbObjects =>
        Pools.Cast<IMetalLbObject>().Concat(L2Advertisements).Concat(BgpAdvertisements).Concat(Peers)
            .Concat(BfdProfiles).Concat(Communities);
}
