using MetalLb.Domain.Config;

namespace MetalLb.Webhook.Webhooks;

/// <summary>The current set of objects with one metallb.io object put in (replacing its namesake) or taken out.</summary>
/// <remarks>
/// Objects are matched by kind, name and namespace, an object without a namespace counting as one in the MetalLB
/// namespace (as the rules do); a replacement keeps its position, so messages that depend on order stay stable.
/// </remarks>
public static class ConfigSetEditor
{
    public static ConfigSource Put(ConfigSource source, IMetalLbObject obj, string metalLbNamespace) =>
        Edit(source, obj.Kind, obj.Metadata.Name, obj.Metadata.Namespace ?? metalLbNamespace, obj, metalLbNamespace);

    public static ConfigSource Remove(ConfigSource source, IMetalLbObject obj, string metalLbNamespace) =>
        Edit(source, obj.Kind, obj.Metadata.Name, obj.Metadata.Namespace ?? metalLbNamespace, null, metalLbNamespace);

    private static ConfigSource Edit(
        ConfigSource source, string kind, string name, string ns, IMetalLbObject? replacement, string metalLbNamespace)
    {
        bool Same(IMetalLbObject o) => o.Metadata.Name == name && (o.Metadata.Namespace ?? metalLbNamespace) == ns;

        return kind switch
        {
            IpAddressPool.KindName => source with { Pools = Edit(source.Pools, Same, replacement) },
            L2Advertisement.KindName => source with { L2Advertisements = Edit(source.L2Advertisements, Same, replacement) },
            BgpAdvertisement.KindName => source with { BgpAdvertisements = Edit(source.BgpAdvertisements, Same, replacement) },
            BgpPeer.KindName => source with { Peers = Edit(source.Peers, Same, replacement) },
            BfdProfile.KindName => source with { BfdProfiles = Edit(source.BfdProfiles, Same, replacement) },
            Community.KindName => source with { Communities = Edit(source.Communities, Same, replacement) },
            _ => throw new ArgumentException($"not a metallb.io kind: {kind}", nameof(kind)),
        };
    }

    private static T[] Edit<T>(IReadOnlyList<T> list, Func<IMetalLbObject, bool> same, IMetalLbObject? replacement)
        where T : class, IMetalLbObject
    {
        var result = new List<T>(list.Count + 1);
        var placed = false;
        foreach (var item in list)
        {
            if (!same(item))
            {
                result.Add(item);
            }
            else if (replacement is T put && !placed)
            {
                result.Add(put);
                placed = true;
            }
        }

        if (replacement is T added && !placed)
        {
            result.Add(added);
        }

        return [.. result];
    }
}
