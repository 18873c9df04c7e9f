using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>Collects decoded objects in reading order and freezes them into a <see cref="ConfigSource"/>.</summary>
internal sealed class ConfigSourceBuilder
{
    public List<IpAddressPool> Pools { get; } = [];

    public List<L2Advertisement> L2Advertisements { get; } = [];

    public List<BgpAdvertisement> BgpAdvertisements { get; } = [];

    public List<BgpPeer> Peers { get; } = [];

    public List<BfdProfile> BfdProfiles { get; } = [];

    public List<Community> Communities { get; } = [];

    public List<NamespaceInfo> Namespaces { get; } = [];

    public List<NodeInfo> Nodes { get; } = [];

    public List<ServiceInfo> Services { get; } = [];

    public List<EndpointSliceInfo> EndpointSlices { get; } = [];

    public ConfigSource Build() => new()
    {
        Pools = [.. Pools],
        L2Advertisements = [.. L2Advertisements],
        BgpAdvertisements = [.. BgpAdvertisements],
        Peers = [.. Peers],
        BfdProfiles = [.. BfdProfiles],
        Communities = [.. Communities],
        Namespaces = [.. Namespaces],
        Nodes = [.. Nodes],
        Services = [.. Services],
        EndpointSlices = [.. EndpointSlices],
    };
}
