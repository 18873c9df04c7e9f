namespace MetalLb.Domain.Config;

/// <summary>Spec of a BGPAdvertisement (METALLB-SPEC §1.3).</summary>
public sealed record BgpAdvertisementSpec
{
    public int? AggregationLength { get; init; }

    public int? AggregationLengthV6 { get; init; }

    public uint? LocalPref { get; init; }

    public IReadOnlyList<string>? Communities { get; init; }

    public IReadOnlyList<string>? IPAddressPools { get; init; }

    public IReadOnlyList<LabelSelector>? IPAddressPoolSelectors { get; init; }

    public IReadOnlyList<LabelSelector>? NodeSelectors { get; init; }

    public IReadOnlyList<string>? Peers { get; init; }

    public IReadOnlyList<LabelSelector>? ServiceSelectors { get; init; }
}
