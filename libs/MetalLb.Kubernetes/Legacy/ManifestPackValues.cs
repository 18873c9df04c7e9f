using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>
/// The Palette manifest pack (<c>lb-metallb</c>) values, <c>manifests.metallb</c>: its <c>addresses</c> (ranges or
/// CIDRs) and <c>avoidBuggyIps</c> make one layer2 pool. Pool and L2Advertisement are named <c>manifest-pack</c>, as in
/// <c>examples/palette-manifest-pack.yaml</c>; the addresses are kept exactly as written.
/// </summary>
internal static class ManifestPackValues
{
    public const string Key = "manifests";
    public const string Name = "manifest-pack";

    /// <summary>The MetalLB namespace the values name (<c>manifests.metallb.namespace</c>), when they name one.</summary>
    public static string? Namespace(YamlNode manifests) =>
        LegacyYaml.Child(LegacyYaml.Child(manifests, "metallb"), "namespace") is YamlScalarNode { Value: { Length: > 0 } ns } ? ns : null;

    public static void Read(YamlNode manifests, LegacyContext context)
    {
        var yaml = context.Yaml;
        if (yaml.Fields(manifests, Key, "metallb") is not { } outer)
        {
            return;
        }

        // images and namespace configure the install, not the address pool; namespace was read by Namespace().
        if (outer["metallb"] is not { } node)
        {
            yaml.Error(outer.Node, "manifests has no metallb");
            return;
        }

        if (yaml.Fields(node, "manifests.metallb", "addresses", "avoidBuggyIps", "namespace", "images") is not { } fields)
        {
            return;
        }

        var addresses = fields.Strings("addresses");
        if (addresses.Count == 0)
        {
            yaml.Error(fields["addresses"] ?? fields.Node, "manifests.metallb has no addresses");
            return;
        }

        foreach (var (item, text) in addresses)
        {
            if (PoolAddressEntry.TryParse(text, Name, out var error) is null)
            {
                yaml.Error(item, $"addresses: {error}");
            }
        }

        var spec = new IpAddressPoolSpec
        {
            Addresses = [.. addresses.Select(a => a.Text)],
            AvoidBuggyIPs = fields.Bool("avoidBuggyIps"),
        };
        context.Objects.Pools.Add(new IpAddressPool(context.Meta(Name, fields.Node), spec));
        context.Objects.L2Advertisements.Add(new L2Advertisement(
            context.Meta(Name, fields.Node), new L2AdvertisementSpec { IPAddressPools = [Name] }));
    }
}
