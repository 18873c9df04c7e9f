using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests;

/// <summary>Reads one YAML fixture either as written or turned into JSON first, so each case runs through both readers.</summary>
internal static class ManifestFormats
{
    public static ManifestReadResult Read(string yaml, string format)
    {
        if (format == "yaml")
        {
            return ManifestReader.ReadText(yaml, "test.yaml");
        }

        var parsed = YamlManifestParser.Parse(yaml);
        Assert.Empty(parsed.Errors);
        var json = parsed.Documents.Count == 1
            ? parsed.Documents[0].Root.ToJsonString()
            : $$"""{"apiVersion":"v1","kind":"List","items":[{{string.Join(",", parsed.Documents.Select(d => d.Root.ToJsonString()))}}]}""";
        return ManifestReader.ReadText(json, "test.json");
    }
}
