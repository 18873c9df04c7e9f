namespace MetalLb.Domain.Config;

/// <summary>metallb.io/v1beta1 Community: named community aliases.</summary>
public sealed record Community(ObjectMeta Metadata, CommunitySpec Spec) : IMetalLbObject
{
    public const string KindName = "Community";

    public string Kind => KindName;
}
