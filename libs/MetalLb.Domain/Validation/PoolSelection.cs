using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>Resolves an advertisement's <c>ipAddressPools</c> and <c>ipAddressPoolSelectors</c> to pool names.</summary>
public static class PoolSelection
{
    /// <summary>
    /// Names listed plus pools whose labels match a selector; both empty selects every pool. Unknown names match
    /// nothing (MetalLB ignores them silently).
    /// </summary>
    public static IReadOnlySet<string> Resolve(
        IReadOnlyList<Pool> pools, IReadOnlyList<string>? names, IReadOnlyList<Selector> selectors)
    {
        var known = pools.ToDictionary(p => p.Name, StringComparer.Ordinal);
        if ((names is null || names.Count == 0) && selectors.Count == 0)
        {
            return known.Keys.ToHashSet(StringComparer.Ordinal);
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names ?? [])
        {
            if (known.ContainsKey(name))
            {
                result.Add(name);
            }
        }

        foreach (var pool in pools)
        {
            if (selectors.Any(s => s.Matches(pool.Labels)))
            {
                result.Add(pool.Name);
            }
        }

        return result;
    }

    /// <summary>Reports repeated names in a string list field (<c>duplicate definition of &lt;what&gt; "x"</c>).</summary>
    public static void CheckDuplicates(
        ValidationContext ctx, IMetalLbObject obj, string field, string what, IReadOnlyList<string>? values)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (!seen.Add(values![i]))
            {
                ctx.Error(obj, $"{field}[{i}]", $"duplicate definition of {what} \"{values[i]}\"");
            }
        }
    }
}
