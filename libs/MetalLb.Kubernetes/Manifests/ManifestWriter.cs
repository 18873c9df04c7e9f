using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Entities;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>
/// Writes metallb.io objects as multi-document YAML that <c>kubectl apply</c> and <see cref="ManifestReader"/> read back
/// to the same objects: apiVersion, kind, metadata (name, namespace, labels, annotations) and spec, with fields left
/// at their defaults left out.
/// </summary>
public static class ManifestWriter
{
    private const string V1beta1 = "metallb.io/v1beta1";
    private const string V1beta2 = "metallb.io/v1beta2";

    private static readonly JsonSerializerOptions SpecOptions = CreateSpecOptions();

    /// <summary>
    /// The metallb.io objects of <paramref name="objects"/>, those that others refer to first (pools, communities, BFD
    /// profiles, peers, then advertisements), so applying the file in order never meets a missing reference.
    /// </summary>
    public static string Write(ConfigSource objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var documents = objects.Pools.Select(o => Document(V1beta1, o, o.Spec))
            .Concat(objects.Communities.Select(o => Document(V1beta1, o, o.Spec)))
            .Concat(objects.BfdProfiles.Select(o => Document(V1beta1, o, o.Spec)))
            .Concat(objects.Peers.Select(o => Document(V1beta2, o, o.Spec)))
            .Concat(objects.L2Advertisements.Select(o => Document(V1beta1, o, o.Spec)))
            .Concat(objects.BgpAdvertisements.Select(o => Document(V1beta1, o, o.Spec)));
        var text = new StringBuilder();
        foreach (var document in documents)
        {
            if (text.Length > 0)
            {
                text.Append("---\n");
            }

            YamlEmitter.WriteMapping(text, document, 0);
        }

        return text.ToString();
    }

    private static JsonObject Document(string apiVersion, IMetalLbObject obj, object spec)
    {
        var metadata = new JsonObject { ["name"] = obj.Metadata.Name };
        if (obj.Metadata.Namespace is { } ns)
        {
            metadata["namespace"] = ns;
        }

        if (obj.Metadata.Labels.Count > 0)
        {
            metadata["labels"] = Map(obj.Metadata.Labels);
        }

        if (obj.Metadata.Annotations.Count > 0)
        {
            metadata["annotations"] = Map(obj.Metadata.Annotations);
        }

        return new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = obj.Kind,
            ["metadata"] = metadata,
            ["spec"] = JsonSerializer.SerializeToNode(spec, spec.GetType(), SpecOptions) ?? new JsonObject(),
        };
    }

    private static JsonObject Map(IReadOnlyDictionary<string, string> map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[key] = value;
        }

        return json;
    }

    /// <summary>As the reader's options, but also leaving out non-nullable fields at their default (false, 0).</summary>
    private static JsonSerializerOptions CreateSpecOptions()
    {
        var options = new JsonSerializerOptions(MetalLbJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };
        options.MakeReadOnly();
        return options;
    }
}
