namespace MetalLb.Domain.Model;

/// <summary>A validated BGPAdvertisement with pools resolved and communities parsed and sorted.</summary>
public sealed record BgpAd(
    string Name,
    int AggregationLength,
    int AggregationLengthV6,
    uint LocalPref,
    IReadOnlyList<BgpCommunity> Communities,
    IReadOnlySet<string> Pools,
    IReadOnlyList<Selector> NodeSelectors,
    IReadOnlyList<string> Peers,
    IReadOnlyList<Selector> ServiceSelectors);
