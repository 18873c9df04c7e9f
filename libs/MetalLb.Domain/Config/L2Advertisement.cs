namespace MetalLb.Domain.Config;

/// <summary>metallb.io/v1beta1 L2Advertisement.</summary>
public sealed record L2Advertisement(ObjectMeta Metadata, L2AdvertisementSpec Spec) : IMetalLbObject
{
    public const string KindName = "L2Advertisement";

    public string Kind => KindName;
}
