using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>BGPAdvertisement rules B1–B11 of METALLB-SPEC §4.3, plus the checks MetalLB only makes at runtime.</summary>
/// <remarks>
/// B9 (native: no large communities) and B10/P10 (native: no IPv6 pools) are deliberately not applied: our native
/// speaker (libs/MetalLb.Bgp) announces IPv6 prefixes and sends large communities. B8 (two deeply equal objects) is a
/// special case of the duplicate-name rule in <see cref="DuplicateNameRules"/>; the second object of a name is
/// skipped here so it is not reported twice. The schema rules B1 and B2 are checked here as well, because the CLI
/// has no API server in front of it.
/// </remarks>
public static partial class BgpAdvertisementRules
{
    public const int DefaultAggregationLength = 32;
    public const int DefaultAggregationLengthV6 = 128;

    public static IReadOnlyList<BgpAd> Check(
        ValidationContext ctx,
        IReadOnlyList<Pool> pools,
        IReadOnlyDictionary<string, BgpCommunity> aliases,
        IReadOnlyList<Peer> peers,
        IReadOnlyList<BfdSettings> bfdProfiles)
    {
        var sortedPools = pools.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        var parsed = new List<(BgpAdvertisement Source, BgpAd Ad)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var obj in ctx.Source.BgpAdvertisements.OrderBy(a => a.Metadata.Name, StringComparer.Ordinal))
        {
            if (!names.Add(obj.Metadata.Name))
            {
                continue;
            }

            var errors = ctx.Problems.ErrorCount;
            var ad = Parse(ctx, obj, sortedPools, aliases);
            if (ad is null)
            {
                continue;
            }

            CheckAggregationPerPool(ctx, obj, ad, sortedPools);
            CheckPeerNames(ctx, obj);
            CheckBfdEcho(ctx, obj, ad, sortedPools, peers, bfdProfiles);
            if (ctx.Problems.ErrorCount == errors)
            {
                parsed.Add((obj, ad));
            }
        }

        CheckLocalPref(ctx, parsed, sortedPools);
        return parsed.Select(p => p.Ad).ToArray();
    }

    private static BgpAd? Parse(
        ValidationContext ctx, BgpAdvertisement obj, IReadOnlyList<Pool> pools, IReadOnlyDictionary<string, BgpCommunity> aliases)
    {
        var errors = ctx.Problems.ErrorCount;
        var spec = obj.Spec;
        PoolSelection.CheckDuplicates(ctx, obj, "spec.ipAddressPools", "ipAddressPools", spec.IPAddressPools);
        PoolSelection.CheckDuplicates(ctx, obj, "spec.communities", "community", spec.Communities);
        PoolSelection.CheckDuplicates(ctx, obj, "spec.peers", "peers", spec.Peers);
        var poolSelectors = SelectorRules.ParseList(
            ctx, obj, "spec.ipAddressPoolSelectors", "ipAddressPoolSelectors", spec.IPAddressPoolSelectors);
        var nodeSelectors = SelectorRules.ParseList(ctx, obj, "spec.nodeSelectors", "nodeSelectors", spec.NodeSelectors);
        var serviceSelectors = SelectorRules.ParseList(
            ctx, obj, "spec.serviceSelectors", "serviceSelectors", spec.ServiceSelectors);
        var (aggregation, aggregationV6) = ParseAggregation(ctx, obj);
        var communities = ParseCommunities(ctx, obj, aliases);
        if (ctx.Problems.ErrorCount != errors)
        {
            return null;
        }

        var selected = PoolSelection.Resolve(pools, spec.IPAddressPools, poolSelectors);
        if (selected.Count == 0 && !SelectsAnySourcePool(ctx, spec, poolSelectors))
        {
            ctx.Warning(obj, "spec.ipAddressPools", "selects no IPAddressPool");
        }

        return new BgpAd(
            obj.Metadata.Name,
            aggregation,
            aggregationV6,
            spec.LocalPref ?? 0,
            communities,
            selected,
            nodeSelectors,
            spec.Peers ?? [],
            serviceSelectors);
    }

    /// <summary>Rules B1, B2 and B3; the lengths fall back to the defaults (no aggregation).</summary>
    private static (int V4, int V6) ParseAggregation(ValidationContext ctx, BgpAdvertisement obj)
    {
        var spec = obj.Spec;
        var aggregation = spec.AggregationLength ?? DefaultAggregationLength;
        var aggregationV6 = spec.AggregationLengthV6 ?? DefaultAggregationLengthV6;
        if (spec.ServiceSelectors is { Count: > 0 } &&
            (aggregation != DefaultAggregationLength || aggregationV6 != DefaultAggregationLengthV6))
        {
            ctx.Error(obj, "spec.serviceSelectors",
                "serviceSelectors and aggregationLength are mutually exclusive, can only be used together with default " +
                $"aggregationLength ({DefaultAggregationLength}) and aggregationLengthV6 ({DefaultAggregationLengthV6})");
        }

        // MetalLB formats these numbers with a char-quote verb (QUIRK 5); we print the number.
        if (aggregation is < 1 or > DefaultAggregationLength)
        {
            ctx.Error(obj, "spec.aggregationLength", $"invalid aggregation length {aggregation} for IPv4");
        }

        if (aggregationV6 is < 1 or > DefaultAggregationLengthV6)
        {
            ctx.Error(obj, "spec.aggregationLengthV6", $"invalid aggregation length {aggregationV6} for IPv6");
        }

        return (aggregation, aggregationV6);
    }

    /// <summary>
    /// True when the names or selectors match a pool of the input, valid or not: a pool that failed its own rules
    /// is already reported, so the advertisement is not also warned about.
    /// </summary>
    private static bool SelectsAnySourcePool(
        ValidationContext ctx, BgpAdvertisementSpec spec, IReadOnlyList<Selector> poolSelectors)
    {
        var sourcePools = ctx.Source.Pools;
        var names = spec.IPAddressPools ?? [];
        if (sourcePools.Count == 0 || (names.Count == 0 && poolSelectors.Count == 0))
        {
            return true;
        }

        return sourcePools.Any(p =>
            names.Contains(p.Metadata.Name, StringComparer.Ordinal) ||
            poolSelectors.Any(s => s.Matches(p.Metadata.Labels)));
    }
}
