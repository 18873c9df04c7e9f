namespace MetalLb.Domain.Config;

/// <summary>Spec of an L2Advertisement (METALLB-SPEC §1.2).</summary>
public sealed record L2AdvertisementSpec
{
    public IReadOnlyList<string>? IPAddressPools { get; init; }

    public IReadOnlyList<LabelSelector>? IPAddressPoolSelectors { get; init; }

    public IReadOnlyList<LabelSelector>? NodeSelectors { get; init; }

    public IReadOnlyList<string>? Interfaces { get; init; }

    public IReadOnlyList<LabelSelector>? ServiceSelectors { get; init; }

    public IReadOnlyList<PreferredNodeSelector>? PreferredNodeSelectors { get; init; }
}
