using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Manifests;
using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>Where converted objects go: the YAML reader, the namespace they are made in, and the objects so far.</summary>
internal sealed record LegacyContext(LegacyYaml Yaml, string Namespace, ConfigSourceBuilder Objects)
{
    /// <summary>Metadata of an object converted from <paramref name="node"/>, which names its line as the source.</summary>
    public ObjectMeta Meta(string name, YamlNode node) =>
        new() { Name = name, Namespace = Namespace, Source = Yaml.SourceOf(node) };

    /// <summary>
    /// Reports a name that cannot name an object (metallb.io objects need a lowercase RFC 1123 subdomain); legacy
    /// MetalLB accepted any text.
    /// </summary>
    public bool CheckName(string name, YamlNode node, string what)
    {
        if (ObjectNames.IsValid(name))
        {
            return true;
        }

        Yaml.Error(node, $"{what} \"{name}\" cannot name a metallb.io object: use at most 253 lowercase letters, digits, " +
            "'-' and '.', starting and ending with a letter or digit");
        return false;
    }
}
