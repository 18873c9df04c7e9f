using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Manifests;
using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>Tells what each document of a file is (ConfigMap manifest, legacy config, pack values) and converts it.</summary>
internal sealed class DocumentReader(LegacyYaml yaml, string? namespaceOverride, ConfigSourceBuilder objects, List<string> skipped)
{
    private const string PackKey = "pack";

    public void Read(YamlNode root)
    {
        if (LegacyYaml.IsNull(root))
        {
            return;
        }

        if (root is not YamlMappingNode mapping)
        {
            yaml.Error(root, $"expected a ConfigMap, a legacy config or pack values, got {LegacyYaml.Describe(root)}");
            return;
        }

        var keys = mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).ToHashSet(StringComparer.Ordinal);
        if (keys.Contains("kind"))
        {
            ReadManifest(root);
        }
        else if (LegacyConfigReader.TopLevelKeys.Any(keys.Contains))
        {
            LegacyConfigReader.Read(root, Context(yaml, null));
        }
        else if (keys.Contains(ManifestPackValues.Key) || keys.Contains(HelmPackValues.Key))
        {
            ReadValues(root);
        }
        else
        {
            yaml.Error(root, "expected a ConfigMap manifest (kind: ConfigMap, data.config), a legacy config " +
                $"({string.Join(", ", LegacyConfigReader.TopLevelKeys)}) or Palette pack values " +
                $"({ManifestPackValues.Key}.metallb, {HelmPackValues.Key}.metallb-full.configuration)");
        }
    }

    private void ReadManifest(YamlNode root)
    {
        var kind = Text(LegacyYaml.Child(root, "kind"));
        var metadata = LegacyYaml.Child(root, "metadata");
        var name = Text(LegacyYaml.Child(metadata, "name")) ?? "";
        if (kind == "List")
        {
            var items = LegacyYaml.Child(root, "items");
            foreach (var item in items is null ? [] : yaml.Items(items, "items"))
            {
                Read(item);
            }

            return;
        }

        if (kind != LegacyConfigMap.KindName)
        {
            skipped.Add($"{kind}/{name}");
            return;
        }

        if (LegacyYaml.Child(LegacyYaml.Child(root, "data"), LegacyConfigMap.ConfigKey) is not { } config || LegacyYaml.IsNull(config))
        {
            skipped.Add($"{kind}/{name} (no data.{LegacyConfigMap.ConfigKey})");
            return;
        }

        if (config is not YamlScalarNode { Value: { } text })
        {
            yaml.Error(config, $"ConfigMap {name}: data.{LegacyConfigMap.ConfigKey}: expected text, got {LegacyYaml.Describe(config)}");
            return;
        }

        // Line numbers count in the key's own text, as MetalLB's loader read it: "file: config:12:5: …".
        var inner = new LegacyYaml($"{yaml.Origin}: {LegacyConfigMap.ConfigKey}", yaml.Problems);
        LegacyConverter.ReadConfig(text, Context(inner, Text(LegacyYaml.Child(metadata, "namespace"))));
    }

    private void ReadValues(YamlNode root)
    {
        // pack: holds the install's images and namespace labels, nothing that configures addresses.
        if (yaml.Fields(root, "pack values", ManifestPackValues.Key, HelmPackValues.Key, PackKey) is not { } fields)
        {
            return;
        }

        if (fields[ManifestPackValues.Key] is { } manifests)
        {
            ManifestPackValues.Read(manifests, Context(yaml, ManifestPackValues.Namespace(manifests)));
        }

        if (fields[HelmPackValues.Key] is { } charts)
        {
            HelmPackValues.Read(charts, Context(yaml, null));
        }
    }

    private LegacyContext Context(LegacyYaml reader, string? inputNamespace) =>
        new(reader, namespaceOverride ?? inputNamespace ?? LegacyConverter.DefaultNamespace, objects);

    private static string? Text(YamlNode? node) => node is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;
}
