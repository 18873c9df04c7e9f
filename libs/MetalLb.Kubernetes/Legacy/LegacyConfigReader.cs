using MetalLb.Domain.Config;
using MetalLb.Domain.Validation;
using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>
/// Converts MetalLB's legacy config (the YAML in ConfigMap <c>config</c>, key <c>config</c>, before v0.13) into
/// metallb.io objects. Names follow MetalLB's own converter (<c>configmaptocrs</c>): pools and BFD profiles keep
/// theirs; advertisements are <c>l2advertisement1</c>…, <c>bgpadvertisement1</c>…, peers <c>peer1</c>…, and every
/// <c>bgp-communities</c> alias goes into one Community <c>communities</c>.
/// </summary>
internal static class LegacyConfigReader
{
    public const string CommunitiesName = "communities";

    /// <summary>The top-level keys of a legacy config; a document with any of them is one.</summary>
    public static readonly string[] TopLevelKeys = ["peers", "bgp-communities", "address-pools", "bfd-profiles"];

    public static void Read(YamlNode root, LegacyContext context)
    {
        if (context.Yaml.Fields(root, "legacy config", TopLevelKeys) is not { } config)
        {
            return;
        }

        var aliases = ReadCommunities(config, context);
        ReadBfdProfiles(config.Items("bfd-profiles"), context);
        LegacyPeerReader.Read(config.Items("peers"), context);
        LegacyPoolReader.Read(config.Items("address-pools"), aliases, context);
    }

    private static HashSet<string> ReadCommunities(YamlFields config, LegacyContext context)
    {
        var yaml = context.Yaml;
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        if (config["bgp-communities"] is not { } node)
        {
            return aliases;
        }

        var list = new List<CommunityAlias>();
        foreach (var entry in yaml.Entries(node, "bgp-communities"))
        {
            if (entry.Name.Contains(':', StringComparison.Ordinal))
            {
                yaml.Error(entry.Key, $"bgp-communities: alias \"{entry.Name}\" contains ':', so an advertisement would read it as a community value");
                continue;
            }

            var value = yaml.String(entry.Value, $"bgp-communities.{entry.Name}");
            if (value is null)
            {
                yaml.Error(entry.Value, $"bgp-communities: alias \"{entry.Name}\" has no value");
                continue;
            }

            if (!BgpCommunityParser.TryParse(value, out _, out var error))
            {
                yaml.Error(entry.Value, $"bgp-communities: alias \"{entry.Name}\": {error}");
                continue;
            }

            aliases.Add(entry.Name);
            list.Add(new CommunityAlias { Name = entry.Name, Value = value });
        }

        if (list.Count > 0)
        {
            context.Objects.Communities.Add(new Community(
                context.Meta(CommunitiesName, node), new CommunitySpec { Communities = list }));
        }

        return aliases;
    }

    private static void ReadBfdProfiles(IReadOnlyList<YamlNode> items, LegacyContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var fields = context.Yaml.Fields(
                item, "bfd profile", "name", "receive-interval", "transmit-interval", "detect-multiplier", "echo-interval",
                "echo-mode", "passive-mode", "minimum-ttl");
            if (fields is null)
            {
                continue;
            }

            var name = fields.String("name");
            if (string.IsNullOrEmpty(name))
            {
                context.Yaml.Error(item, "bfd profile has no name");
                continue;
            }

            if (!context.CheckName(name, fields["name"]!, "bfd profile name"))
            {
                continue;
            }

            if (!names.Add(name))
            {
                context.Yaml.Error(fields["name"]!, $"duplicate definition of bfd profile \"{name}\"");
                continue;
            }

            var spec = new BfdProfileSpec
            {
                ReceiveInterval = Unsigned(fields, "receive-interval"),
                TransmitInterval = Unsigned(fields, "transmit-interval"),
                DetectMultiplier = Unsigned(fields, "detect-multiplier"),
                EchoInterval = Unsigned(fields, "echo-interval"),
                EchoMode = fields.Bool("echo-mode"),
                PassiveMode = fields.Bool("passive-mode"),
                MinimumTtl = Unsigned(fields, "minimum-ttl"),
            };
            context.Objects.BfdProfiles.Add(new BfdProfile(context.Meta(name, item), spec));
        }
    }

    private static uint? Unsigned(YamlFields fields, string key) => (uint?)fields.Integer(key, 0, uint.MaxValue);
}
