using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Validation;
using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>
/// <c>address-pools</c>: each pool becomes an IPAddressPool of the same name, a layer2 pool also an L2Advertisement,
/// a bgp pool one BGPAdvertisement per <c>bgp-advertisements</c> item (one plain one when there is none, as the legacy
/// default advertised every IP as a /32 with no attributes).
/// </summary>
internal static class LegacyPoolReader
{
    private const string Layer2 = "layer2";
    private const string Bgp = "bgp";

    public static void Read(IReadOnlyList<YamlNode> items, IReadOnlySet<string> aliases, LegacyContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var fields = context.Yaml.Fields(
                item, "address pool", "name", "protocol", "addresses", "avoid-buggy-ips", "auto-assign", "bgp-advertisements");
            if (fields is not null && Name(fields, names, context) is { } name)
            {
                ReadPool(name, fields, aliases, context);
            }
        }
    }

    private static string? Name(YamlFields fields, HashSet<string> names, LegacyContext context)
    {
        var name = fields.String("name");
        if (string.IsNullOrEmpty(name))
        {
            context.Yaml.Error(fields.Node, "address pool has no name");
            return null;
        }

        if (!context.CheckName(name, fields["name"]!, "pool name"))
        {
            return null;
        }

        if (!names.Add(name))
        {
            context.Yaml.Error(fields["name"]!, $"duplicate definition of pool \"{name}\"");
            return null;
        }

        return name;
    }

    private static void ReadPool(string name, YamlFields fields, IReadOnlySet<string> aliases, LegacyContext context)
    {
        var yaml = context.Yaml;
        var protocol = fields.String("protocol");
        if (protocol is null)
        {
            yaml.Error(fields.Node, $"address pool \"{name}\" has no protocol (layer2 or bgp)");
        }
        else if (protocol is not (Layer2 or Bgp))
        {
            yaml.Error(fields["protocol"]!, $"protocol \"{protocol}\" is not layer2 or bgp");
        }

        var addresses = fields.Strings("addresses");
        if (addresses.Count == 0)
        {
            yaml.Error(fields["addresses"] ?? fields.Node, $"address pool \"{name}\" has no addresses");
        }

        foreach (var (node, text) in addresses)
        {
            if (PoolAddressEntry.TryParse(text, name, out var error) is null)
            {
                yaml.Error(node, $"addresses: {error}");
            }
        }

        var spec = new IpAddressPoolSpec
        {
            Addresses = [.. addresses.Select(a => a.Text)],
            AutoAssign = fields.Bool("auto-assign"),
            AvoidBuggyIPs = fields.Bool("avoid-buggy-ips"),
        };
        context.Objects.Pools.Add(new IpAddressPool(context.Meta(name, fields.Node), spec));

        var ads = fields.Items("bgp-advertisements");
        if (protocol == Layer2)
        {
            if (ads.Count > 0)
            {
                yaml.Error(fields["bgp-advertisements"]!, $"bgp-advertisements are allowed only in a bgp pool, and pool \"{name}\" is layer2");
            }

            var l2Name = $"l2advertisement{context.Objects.L2Advertisements.Count + 1}";
            context.Objects.L2Advertisements.Add(new L2Advertisement(
                context.Meta(l2Name, fields.Node), new L2AdvertisementSpec { IPAddressPools = [name] }));
        }
        else if (protocol == Bgp)
        {
            if (ads.Count == 0)
            {
                AddBgpAdvertisement(new BgpAdvertisementSpec { IPAddressPools = [name] }, fields.Node, context);
            }

            foreach (var ad in ads)
            {
                if (ReadBgpAdvertisement(ad, name, aliases, context) is { } adSpec)
                {
                    AddBgpAdvertisement(adSpec, ad, context);
                }
            }
        }
    }

    private static BgpAdvertisementSpec? ReadBgpAdvertisement(YamlNode node, string pool, IReadOnlySet<string> aliases, LegacyContext context)
    {
        var yaml = context.Yaml;
        var fields = yaml.Fields(node, "bgp advertisement", "aggregation-length", "aggregation-length-v6", "localpref", "communities");
        if (fields is null)
        {
            return null;
        }

        // The CRD's minimum is 1 (legacy MetalLB accepted 0, a default route): not representable, so not converted.
        var length = fields.Integer("aggregation-length", 1, 32);
        var lengthV6 = fields.Integer("aggregation-length-v6", 0, 128);
        var localPref = fields.Integer("localpref", 0, uint.MaxValue);
        var communities = new List<string>();
        foreach (var (item, text) in fields.Strings("communities"))
        {
            if (!aliases.Contains(text) && !BgpCommunityParser.TryParse(text, out _, out var error))
            {
                yaml.Error(item, $"communities: \"{text}\" is not an alias from bgp-communities, and {error}");
                continue;
            }

            communities.Add(text);
        }

        return new BgpAdvertisementSpec
        {
            AggregationLength = (int?)length,
            AggregationLengthV6 = (int?)lengthV6,
            LocalPref = (uint?)localPref,
            Communities = communities.Count > 0 ? communities : null,
            IPAddressPools = [pool],
        };
    }

    private static void AddBgpAdvertisement(BgpAdvertisementSpec spec, YamlNode node, LegacyContext context)
    {
        var name = $"bgpadvertisement{context.Objects.BgpAdvertisements.Count + 1}";
        context.Objects.BgpAdvertisements.Add(new BgpAdvertisement(context.Meta(name, node), spec));
    }
}
