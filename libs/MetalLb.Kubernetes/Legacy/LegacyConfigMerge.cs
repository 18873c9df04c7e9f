using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>
/// The configuration as the allocator takes it: the metallb.io objects plus those converted from MetalLB's legacy
/// ConfigMap <c>config</c> in the MetalLB namespace. A ConfigMap that does not convert, or an object of it that has the
/// name of a metallb.io object of the same kind, is an error; overlapping addresses are found by the rules as usual.
/// </summary>
public static class LegacyConfigMerge
{
    private static readonly IReadOnlySet<string> NoPools = new HashSet<string>();

    public static LegacyMergeResult Merge(ConfigSource snapshot, string metallbNamespace)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var configMap = snapshot.LegacyConfigMaps.FirstOrDefault(c =>
            c.Metadata.Name == LegacyConfigMap.ObjectName && c.Metadata.Namespace == metallbNamespace);
        if (configMap?.Config is not { } config)
        {
            return new LegacyMergeResult(snapshot, [], NoPools, null);
        }

        var origin = $"{LegacyConfigMap.KindName} {metallbNamespace}/{LegacyConfigMap.ObjectName}: {LegacyConfigMap.ConfigKey}";
        var conversion = LegacyConverter.ConvertConfig(config, origin, metallbNamespace);
        if (!conversion.Succeeded)
        {
            return new LegacyMergeResult(snapshot, [.. conversion.Problems.Select(p => p.ToString())], NoPools, origin);
        }

        var converted = conversion.Objects;
        var clashes = new List<string>();
        Clashes(snapshot.Pools, converted.Pools, clashes);
        Clashes(snapshot.L2Advertisements, converted.L2Advertisements, clashes);
        Clashes(snapshot.BgpAdvertisements, converted.BgpAdvertisements, clashes);
        Clashes(snapshot.Peers, converted.Peers, clashes);
        Clashes(snapshot.BfdProfiles, converted.BfdProfiles, clashes);
        Clashes(snapshot.Communities, converted.Communities, clashes);
        return new LegacyMergeResult(
            snapshot.Concat(converted), clashes, converted.Pools.Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal), origin);
    }

    private static void Clashes(IEnumerable<IMetalLbObject> objects, IEnumerable<IMetalLbObject> converted, List<string> clashes)
    {
        var names = objects.Select(o => o.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var legacy in converted.Where(o => names.Contains(o.Metadata.Name)))
        {
            clashes.Add($"{legacy.Metadata.Source}: {legacy.Kind} \"{legacy.Metadata.Name}\" is defined both here and as a " +
                $"metallb.io {legacy.Kind}; remove one of them");
        }
    }
}
