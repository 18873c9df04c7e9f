namespace MetalLb.Domain.Config;

/// <summary>metallb.io/v1beta1 BFDProfile.</summary>
public sealed record BfdProfile(ObjectMeta Metadata, BfdProfileSpec Spec) : IMetalLbObject
{
    public const string KindName = "BFDProfile";

    public string Kind => KindName;
}
