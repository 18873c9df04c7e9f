using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>
/// The one rule set: validates a set of objects as they would stand after <c>kubectl apply</c> of all of them and
/// builds the configuration the allocator and announcers use. The webhook, the allocator and the CLI all call this.
/// </summary>
public static class ConfigValidator
{
    public static ValidationResult Validate(ConfigSource source, ValidationOptions? options = null)
    {
        var ctx = new ValidationContext(source, options ?? ValidationOptions.Default);
        NamespaceRules.Check(ctx);
        DuplicateNameRules.Check(ctx);
        var pools = PoolRules.Check(ctx);
        var aliases = CommunityRules.Check(ctx);
        var bfd = BfdProfileRules.Check(ctx);
        var l2 = L2AdvertisementRules.Check(ctx, pools);
        var peers = BgpPeerRules.Check(ctx, bfd);
        var bgp = BgpAdvertisementRules.Check(ctx, pools, aliases, peers, bfd);

        var config = ctx.Problems.HasErrors
            ? null
            : new MetalLbConfig
            {
                Pools = pools,
                L2Ads = l2,
                BgpAds = bgp,
                Peers = peers,
                BfdProfiles = bfd,
                CommunityAliases = aliases,
            };
        return new ValidationResult(Sorted(ctx.Problems.Problems), config);
    }

    private static ValidationProblem[] Sorted(IReadOnlyList<ValidationProblem> problems) =>
        problems.Select((p, i) => (p, i))
            .OrderBy(x => x.p.Object.Source ?? "", StringComparer.Ordinal)
            .ThenBy(x => x.p.Object.Kind, StringComparer.Ordinal)
            .ThenBy(x => x.p.Object.Name, StringComparer.Ordinal)
            .ThenBy(x => x.i)
            .Select(x => x.p)
            .ToArray();
}
