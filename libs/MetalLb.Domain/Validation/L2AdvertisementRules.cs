using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>L2Advertisement rules L1–L4 of METALLB-SPEC §4.3.</summary>
public static class L2AdvertisementRules
{
    public const int MinWeight = 1;
    public const int MaxWeight = 100;

    public static IReadOnlyList<L2Ad> Check(ValidationContext ctx, IReadOnlyList<Pool> pools)
    {
        var result = new List<L2Ad>();
        foreach (var obj in ctx.Source.L2Advertisements.OrderBy(a => a.Metadata.Name, StringComparer.Ordinal))
        {
            var errors = ctx.Problems.ErrorCount;
            var spec = obj.Spec;
            PoolSelection.CheckDuplicates(ctx, obj, "spec.ipAddressPools", "ipAddressPools", spec.IPAddressPools);
            var poolSelectors = SelectorRules.ParseList(
                ctx, obj, "spec.ipAddressPoolSelectors", "ipAddressPoolSelectors", spec.IPAddressPoolSelectors);
            var nodeSelectors = SelectorRules.ParseList(ctx, obj, "spec.nodeSelectors", "nodeSelectors", spec.NodeSelectors);
            var serviceSelectors = SelectorRules.ParseList(
                ctx, obj, "spec.serviceSelectors", "serviceSelectors", spec.ServiceSelectors);
            var preferred = ParsePreferred(ctx, obj, spec.PreferredNodeSelectors);
            if (ctx.Problems.ErrorCount != errors)
            {
                continue;
            }

            result.Add(new L2Ad(
                obj.Metadata.Name,
                PoolSelection.Resolve(pools, spec.IPAddressPools, poolSelectors),
                nodeSelectors,
                spec.Interfaces ?? [],
                serviceSelectors,
                preferred));
        }

        return result;
    }

    private static List<WeightedSelector> ParsePreferred(
        ValidationContext ctx, L2Advertisement obj, IReadOnlyList<PreferredNodeSelector>? preferred)
    {
        var result = new List<WeightedSelector>();
        for (var i = 0; i < (preferred?.Count ?? 0); i++)
        {
            var item = preferred![i];
            var field = $"spec.preferredNodeSelectors[{i}]";
            if (item.Weight is < MinWeight or > MaxWeight)
            {
                ctx.Error(obj, $"{field}.weight",
                    $"invalid preferred node selector weight {item.Weight}: must be in {MinWeight}-{MaxWeight} range");
                continue;
            }

            var selector = SelectorRules.Parse(ctx, obj, $"{field}.preference", item.Preference);
            if (selector is null)
            {
                ctx.Error(obj, $"{field}.preference", $"invalid preferred node selector at index {i}");
                continue;
            }

            result.Add(new WeightedSelector(item.Weight, selector));
        }

        return result;
    }
}
