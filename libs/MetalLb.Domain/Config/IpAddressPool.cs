namespace MetalLb.Domain.Config;

/// <summary>metallb.io/v1beta1 IPAddressPool.</summary>
public sealed record IpAddressPool(ObjectMeta Metadata, IpAddressPoolSpec Spec) : IMetalLbObject
{
    public const string KindName = "IPAddressPool";

    public string Kind => KindName;
}
