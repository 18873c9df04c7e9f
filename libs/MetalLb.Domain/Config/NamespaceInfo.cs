namespace MetalLb.Domain.Config;

/// <summary>A core/v1 Namespace: only its name and labels matter to MetalLB.</summary>
public sealed record NamespaceInfo(ObjectMeta Metadata)
{
    public const string KindName = "Namespace";
}
