namespace MetalLb.Domain.Config;

/// <summary>
/// MetalLB's configuration before v0.13: the ConfigMap <c>config</c> in the MetalLB namespace, whose <c>config</c> key
/// holds YAML with <c>address-pools</c>, <c>peers</c>, <c>bgp-communities</c> and <c>bfd-profiles</c>.
/// </summary>
public sealed record LegacyConfigMap(ObjectMeta Metadata, string? Config)
{
    public const string KindName = "ConfigMap";

    /// <summary>The only name MetalLB read the configuration from.</summary>
    public const string ObjectName = "config";

    /// <summary>The data key holding the YAML.</summary>
    public const string ConfigKey = "config";
}
