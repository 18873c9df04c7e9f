using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>IPAddressPool rules P1–P9 of METALLB-SPEC §4.3.</summary>
public static class PoolRules
{
    public static IReadOnlyList<Pool> Check(ValidationContext ctx)
    {
        var pools = new List<(IpAddressPool Source, Pool Pool)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var obj in ctx.Source.Pools.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var name = obj.Metadata.Name;
            if (string.IsNullOrEmpty(name))
            {
                ctx.Error(obj, "metadata.name", "missing pool name");
                continue;
            }

            if (!names.Add(name))
            {
                ctx.Error(obj, "metadata.name", $"duplicate definition of pool \"{name}\"");
                continue;
            }

            var pool = Parse(ctx, obj);
            if (pool is not null)
            {
                pools.Add((obj, pool));
            }
        }

        CheckOverlaps(ctx, pools);
        return pools.Select(p => p.Pool).ToArray();
    }

    private static Pool? Parse(ValidationContext ctx, IpAddressPool obj)
    {
        var spec = obj.Spec;
        var addresses = spec.Addresses ?? [];
        if (addresses.Count == 0)
        {
            ctx.Error(obj, "spec.addresses", "pool has no prefixes defined");
            return null;
        }

        var entries = new List<PoolAddressEntry>(addresses.Count);
        for (var i = 0; i < addresses.Count; i++)
        {
            var entry = PoolAddressEntry.TryParse(addresses[i], obj.Metadata.Name, out var error);
            if (entry is null)
            {
                ctx.Error(obj, $"spec.addresses[{i}]", error!);
                continue;
            }

            entries.Add(entry);
        }

        if (!TryParseAllocation(ctx, obj, out var allocation) || entries.Count != addresses.Count)
        {
            return null;
        }

        return new Pool(
            obj.Metadata.Name,
            obj.Metadata.Labels,
            spec.AutoAssign ?? true,
            spec.AvoidBuggyIPs ?? false,
            entries,
            allocation);
    }

    private static bool TryParseAllocation(ValidationContext ctx, IpAddressPool obj, out PoolAllocation? allocation)
    {
        allocation = null;
        var sa = obj.Spec.ServiceAllocation;
        if (sa is null)
        {
            return true;
        }

        var errors = ctx.Problems.ErrorCount;
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ns in sa.Namespaces ?? [])
        {
            if (!namespaces.Add(ns))
            {
                ctx.Error(obj, "spec.serviceAllocation.namespaces", "duplicate definition in namespaces field");
            }
        }

        var nsSelectors = SelectorRules.ParseList(
            ctx, obj, "spec.serviceAllocation.namespaceSelectors", "namespaceSelectors", sa.NamespaceSelectors);
        var svcSelectors = SelectorRules.ParseList(
            ctx, obj, "spec.serviceAllocation.serviceSelectors", "serviceSelectors", sa.ServiceSelectors);
        if (ctx.Problems.ErrorCount != errors)
        {
            return false;
        }

        allocation = new PoolAllocation(sa.Priority ?? 0, namespaces, nsSelectors, svcSelectors);
        return true;
    }

    private static void CheckOverlaps(ValidationContext ctx, List<(IpAddressPool Source, Pool Pool)> pools)
    {
        var byName = pools.ToDictionary(p => p.Pool.Name, p => p.Source, StringComparer.Ordinal);
        var items = pools.SelectMany(p => p.Pool.Entries.SelectMany(
            e => e.Prefixes.Select(prefix => new OverlapDetector.Item(prefix, p.Pool.Name, e))));
        var reported = new HashSet<(string, string, string, string)>();
        foreach (var (item, existing) in OverlapDetector.Find(items))
        {
            // A range is compared CIDR by CIDR; one message per pair of entries is enough.
            if (!reported.Add((item.Pool, item.Entry.Text, existing.Pool, existing.Entry.Text)))
            {
                continue;
            }

            var message = $"CIDR \"{item.Prefix}\" in pool \"{item.Pool}\" overlaps with already defined CIDR \"{existing.Prefix}\" in pool \"{existing.Pool}\"";
            if (item.Entry.IsRange)
            {
                message += $"; \"{item.Prefix}\" is part of range \"{item.Entry.Text}\"";
            }

            if (existing.Entry.IsRange)
            {
                message += $"; \"{existing.Prefix}\" is part of range \"{existing.Entry.Text}\"";
            }

            ctx.Error(byName[item.Pool], "spec.addresses", message);
        }
    }
}
