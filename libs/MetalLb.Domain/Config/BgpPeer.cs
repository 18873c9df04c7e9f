namespace MetalLb.Domain.Config;

/// <summary>metallb.io BGPPeer in its v1beta2 shape (v1beta1 input is converted on read).</summary>
public sealed record BgpPeer(ObjectMeta Metadata, BgpPeerSpec Spec) : IMetalLbObject
{
    public const string KindName = "BGPPeer";

    public string Kind => KindName;

    /// <summary>The API version the object was written in (<c>v1beta1</c> or <c>v1beta2</c>).</summary>
    public string SourceVersion { get; init; } = "v1beta2";
}
