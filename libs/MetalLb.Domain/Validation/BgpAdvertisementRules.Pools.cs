using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Validation;

public static partial class BgpAdvertisementRules
{
    /// <summary>
    /// Rule B4: the aggregation length of each entry's family must not be wider than the entry's widest CIDR (for a
    /// range, the widest CIDR of its summary), or the announced prefix would cover addresses outside the pool.
    /// </summary>
    /// <remarks>MetalLB always prints the IPv4 length here (QUIRK 5); we print the length of the entry's family.</remarks>
    private static void CheckAggregationPerPool(ValidationContext ctx, BgpAdvertisement obj, BgpAd ad, IReadOnlyList<Pool> pools)
    {
        foreach (var pool in pools.Where(p => ad.Pools.Contains(p.Name)))
        {
            foreach (var entry in pool.Entries)
            {
                var v4 = entry.Family == IpFamily.V4;
                var aggregation = v4 ? ad.AggregationLength : ad.AggregationLengthV6;
                var widest = entry.WidestPrefixLength;
                if (aggregation < widest)
                {
                    ctx.Error(obj, v4 ? "spec.aggregationLength" : "spec.aggregationLengthV6",
                        $"invalid aggregation length {aggregation}: prefix {widest} in this pool is more specific than " +
                        $"the aggregation length for addresses {entry.Text} (pool \"{pool.Name}\")");
                }
            }
        }
    }

    /// <summary>
    /// MetalLB silently matches nothing for an unknown peer name; we warn, but only when the input has peers at all
    /// (a file holding only advertisements says nothing about the peers defined elsewhere).
    /// </summary>
    private static void CheckPeerNames(ValidationContext ctx, BgpAdvertisement obj)
    {
        if (ctx.Source.Peers.Count == 0)
        {
            return;
        }

        var known = ctx.Source.Peers.Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        var names = obj.Spec.Peers ?? [];
        for (var i = 0; i < names.Count; i++)
        {
            if (!known.Contains(names[i]))
            {
                ctx.Warning(obj, $"spec.peers[{i}]", $"peer \"{names[i]}\" is not defined");
            }
        }
    }

    /// <summary>
    /// MetalLB refuses to advertise a pool with IPv6 addresses to a peer whose BFD profile enables echo mode, but only
    /// finds this when the configuration is loaded at runtime; we check it whenever the FRR backend is used.
    /// </summary>
    private static void CheckBfdEcho(
        ValidationContext ctx,
        BgpAdvertisement obj,
        BgpAd ad,
        IReadOnlyList<Pool> pools,
        IReadOnlyList<Peer> peers,
        IReadOnlyList<BfdSettings> bfdProfiles)
    {
        if (ctx.Options.BgpBackend != BgpBackend.Frr)
        {
            return;
        }

        var echoProfiles = bfdProfiles.Where(b => b.EchoMode).Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        var echoPeers = peers
            .Where(p => ad.Peers.Count == 0 || ad.Peers.Contains(p.Name, StringComparer.Ordinal))
            .Where(p => p.BfdProfile is { } profile && echoProfiles.Contains(profile))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();
        if (echoPeers.Length == 0)
        {
            return;
        }

        foreach (var pool in pools.Where(p => ad.Pools.Contains(p.Name) && p.HasFamily(IpFamily.V6)))
        {
            foreach (var peer in echoPeers)
            {
                ctx.Error(obj, "spec.peers",
                    $"pool {pool.Name} has bgpadvertisement {ad.Name} which references peer {peer.Name} " +
                    "which has bfd echo enabled, which is not possible");
            }
        }
    }
}
