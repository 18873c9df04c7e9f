using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

public static partial class BgpAdvertisementRules
{
    /// <summary>
    /// Rule B6 and alias resolution: returns the distinct communities in <see cref="BgpCommunity"/> order, so the
    /// route attribute is the same whatever order the manifest lists them in.
    /// </summary>
    /// <remarks>
    /// As in MetalLB an item is first looked up as an alias; an item without <c>:</c> can only be an alias. MetalLB's
    /// webhook drops such items and its runtime reports them as a transient <c>invalid community format</c> (QUIRK 2);
    /// we report an unknown alias as an error when the input defines communities at all, and only warn when it
    /// defines none, because the Community objects may then simply live in another file.
    /// </remarks>
    private static BgpCommunity[] ParseCommunities(
        ValidationContext ctx, BgpAdvertisement obj, IReadOnlyDictionary<string, BgpCommunity> aliases)
    {
        var items = obj.Spec.Communities ?? [];
        var result = new SortedSet<BgpCommunity>();
        HashSet<string>? declared = null;
        for (var i = 0; i < items.Count; i++)
        {
            var text = items[i] ?? "";
            var field = $"spec.communities[{i}]";
            if (aliases.TryGetValue(text, out var value))
            {
                result.Add(value);
                continue;
            }

            if (text.Length == 0)
            {
                ctx.Error(obj, field, "empty community");
                continue;
            }

            if (!text.Contains(':', StringComparison.Ordinal))
            {
                declared ??= DeclaredAliases(ctx);
                if (ctx.Source.Communities.Count == 0)
                {
                    ctx.Warning(obj, field, $"community alias \"{text}\" not checked: no Community in the input");
                }
                else if (!declared.Contains(text))
                {
                    ctx.Error(obj, field, $"community alias \"{text}\" is not defined in any Community");
                }

                // A declared alias missing from the map has an invalid value, already reported on its Community.
                continue;
            }

            if (!BgpCommunityParser.TryParse(text, out value, out var error))
            {
                ctx.Error(obj, field, error);
                continue;
            }

            result.Add(value);
        }

        return [.. result];
    }

    private static HashSet<string> DeclaredAliases(ValidationContext ctx) =>
        ctx.Source.Communities
            .SelectMany(c => c.Spec.Communities ?? [])
            .Select(a => a.Name ?? "")
            .ToHashSet(StringComparer.Ordinal);
}
