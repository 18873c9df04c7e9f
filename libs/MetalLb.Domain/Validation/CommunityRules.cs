using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>Community rules C1–C2 of METALLB-SPEC §4.3: builds the alias map BGPAdvertisements refer to.</summary>
/// <remarks>
/// C3 (native mode rejects large community values) is deliberately not applied: our native speaker
/// (libs/MetalLb.Bgp) sends RFC 8092 large communities, so a large alias is valid with every backend.
/// </remarks>
public static class CommunityRules
{
    public static IReadOnlyDictionary<string, BgpCommunity> Check(ValidationContext ctx)
    {
        var aliases = new Dictionary<string, BgpCommunity>(StringComparer.Ordinal);
        var definedIn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var obj in ctx.Source.Communities.OrderBy(c => c.Metadata.Name, StringComparer.Ordinal))
        {
            var items = obj.Spec.Communities ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                var field = $"spec.communities[{i}]";
                var name = items[i].Name;
                var text = items[i].Value;
                if (string.IsNullOrEmpty(name))
                {
                    ctx.Error(obj, $"{field}.name", $"missing community name at index {i}");
                    continue;
                }

                if (definedIn.TryGetValue(name, out var first))
                {
                    var where = first == obj.Metadata.Name ? "" : $" (already defined in Community \"{first}\")";
                    ctx.Error(obj, $"{field}.name", $"duplicate definition of community \"{name}\"{where}");
                    continue;
                }

                definedIn.Add(name, obj.Metadata.Name);
                if (string.IsNullOrEmpty(text))
                {
                    ctx.Error(obj, $"{field}.value", $"parsing community \"{name}\": missing community value");
                    continue;
                }

                if (!BgpCommunityParser.TryParse(text, out var value, out var error))
                {
                    ctx.Error(obj, $"{field}.value", $"parsing community \"{name}\": {error}");
                    continue;
                }

                aliases.Add(name, value);
            }
        }

        return aliases;
    }
}
