namespace MetalLb.Domain.Config;

/// <summary>metallb.io/v1beta1 BGPAdvertisement.</summary>
public sealed record BgpAdvertisement(ObjectMeta Metadata, BgpAdvertisementSpec Spec) : IMetalLbObject
{
    public const string KindName = "BGPAdvertisement";

    public string Kind => KindName;
}
