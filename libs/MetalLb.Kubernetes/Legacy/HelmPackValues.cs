using System.Text.Json;
using System.Text.Json.Nodes;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Entities;
using MetalLb.Kubernetes.Manifests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>
/// The Palette Helm pack (<c>lb-metallb-helm</c>) values, <c>charts.metallb-full.configuration</c>: per kind a map of
/// object name to <c>spec</c>, which the pack's chart renders as one metallb.io object each. Specs are read exactly as
/// the manifest reader reads a CR's spec, and a field it does not know is an error rather than silently dropped.
/// <c>labels</c> and <c>annotations</c> next to a spec are taken as this project's chart takes them.
/// </summary>
internal static class HelmPackValues
{
    public const string Key = "charts";
    private const string Chart = "metallb-full";
    private const int MaxDepth = 64;
    private const int MaxNodes = 100_000;

    private static readonly (string Key, string ApiVersion, string Kind)[] Kinds =
    [
        ("ipaddresspools", "metallb.io/v1beta1", IpAddressPool.KindName),
        ("l2advertisements", "metallb.io/v1beta1", L2Advertisement.KindName),
        ("bgpadvertisements", "metallb.io/v1beta1", BgpAdvertisement.KindName),
        ("bgppeers", "metallb.io/v1beta2", BgpPeer.KindName),
        ("communities", "metallb.io/v1beta1", Community.KindName),
        ("bfdprofiles", "metallb.io/v1beta1", BfdProfile.KindName),
    ];

    public static void Read(YamlNode charts, LegacyContext context)
    {
        var yaml = context.Yaml;
        if (yaml.Fields(charts, Key, Chart) is not { } outer)
        {
            return;
        }

        if (outer[Chart] is not { } chart)
        {
            yaml.Error(outer.Node, $"{Key} has no {Chart}");
            return;
        }

        // metallb-full.metallb holds the base chart's install settings (FRR mode, images), not configuration.
        if (yaml.Fields(chart, $"{Key}.{Chart}", "configuration", "metallb") is not { } fields)
        {
            return;
        }

        if (fields["configuration"] is not { } configuration)
        {
            yaml.Error(fields.Node, $"{Key}.{Chart} has no configuration");
            return;
        }

        if (yaml.Fields(configuration, $"{Key}.{Chart}.configuration", [.. Kinds.Select(k => k.Key)]) is not { } kinds)
        {
            return;
        }

        foreach (var (key, apiVersion, kind) in Kinds)
        {
            foreach (var entry in kinds.Entries(key))
            {
                if (!context.CheckName(entry.Name, entry.Key, $"{key} entry"))
                {
                    continue;
                }

                // labels and annotations as this project's chart takes them next to the spec.
                if (yaml.Fields(entry.Value, $"{key}.{entry.Name}", "spec", "labels", "annotations") is not { } objectFields)
                {
                    continue;
                }

                if (objectFields["spec"] is not { } spec)
                {
                    yaml.Error(entry.Key, $"{kind}/{entry.Name} has no spec");
                    continue;
                }

                var metadata = new JsonObject { ["name"] = entry.Name, ["namespace"] = context.Namespace };
                foreach (var field in (string[])["labels", "annotations"])
                {
                    if (objectFields.StringMap(field) is { } map)
                    {
                        metadata[field] = new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
                    }
                }

                ReadObject(apiVersion, kind, entry, metadata, spec, context);
            }
        }
    }

    private static void ReadObject(
        string apiVersion, string kind, YamlField entry, JsonObject metadata, YamlNode specNode, LegacyContext context)
    {
        var yaml = context.Yaml;
        var converter = new YamlToJsonConverter(MaxDepth, MaxNodes);
        JsonNode? spec;
        try
        {
            spec = converter.Convert(specNode);
        }
        catch (YamlException ex)
        {
            yaml.Error(ex.Start, $"{kind}/{entry.Name}: {ex.Message}");
            return;
        }

        if (spec is not JsonObject)
        {
            yaml.Error(specNode, $"{kind}/{entry.Name}: spec: expected a mapping, got {LegacyYaml.Describe(specNode)}");
            return;
        }

        var written = spec.DeepClone();
        var document = new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["spec"] = spec,
        };
        var collector = new ManifestCollector();
        ObjectDecoder.Decode(new ManifestDocument(1, document, converter.Lines), yaml.SourceOf(entry.Key), collector);
        var result = collector.ToResult();
        foreach (var problem in result.Problems)
        {
            yaml.Error(specNode, problem.Field is null
                ? $"{kind}/{entry.Name}: {problem.Message}"
                : $"{kind}/{entry.Name}: {problem.Field}: {problem.Message}");
        }

        if (result.Objects.MetalLbObjects.SingleOrDefault() is not { } read)
        {
            return;
        }

        var unknown = Unknown(written, Serialize(read), "spec").ToList();
        foreach (var path in unknown)
        {
            yaml.Error(specNode, $"{kind}/{entry.Name}: unknown field \"{path}\"");
        }

        if (unknown.Count == 0)
        {
            Add(context.Objects, read);
        }
    }

    private static void Add(ConfigSourceBuilder objects, IMetalLbObject read)
    {
        switch (read)
        {
            case IpAddressPool o:
                objects.Pools.Add(o);
                break;
            case L2Advertisement o:
                objects.L2Advertisements.Add(o);
                break;
            case BgpAdvertisement o:
                objects.BgpAdvertisements.Add(o);
                break;
            case BgpPeer o:
                objects.Peers.Add(o);
                break;
            case Community o:
                objects.Communities.Add(o);
                break;
            case BfdProfile o:
                objects.BfdProfiles.Add(o);
                break;
        }
    }

    private static JsonNode? Serialize(IMetalLbObject read)
    {
        object spec = read switch
        {
            IpAddressPool o => o.Spec,
            L2Advertisement o => o.Spec,
            BgpAdvertisement o => o.Spec,
            BgpPeer o => o.Spec,
            Community o => o.Spec,
            BfdProfile o => o.Spec,
            _ => throw new ArgumentOutOfRangeException(nameof(read), read.Kind, "not a metallb.io kind"),
        };
        return JsonSerializer.SerializeToNode(spec, spec.GetType(), MetalLbJson.Options);
    }

    /// <summary>Paths present (and not null) in what was written but absent from what was read back.</summary>
    private static IEnumerable<string> Unknown(JsonNode? written, JsonNode? read, string path)
    {
        switch (written, read)
        {
            case (JsonObject w, JsonObject r):
                foreach (var (key, value) in w)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    if (r[key] is not { } readValue)
                    {
                        yield return $"{path}.{key}";
                        continue;
                    }

                    foreach (var inner in Unknown(value, readValue, $"{path}.{key}"))
                    {
                        yield return inner;
                    }
                }

                break;
            case (JsonArray w, JsonArray r):
                for (var i = 0; i < Math.Min(w.Count, r.Count); i++)
                {
                    foreach (var inner in Unknown(w[i], r[i], $"{path}[{i}]"))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
