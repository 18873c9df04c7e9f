using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>One key of a YAML mapping with its value; the key's node says where it was written.</summary>
internal sealed record YamlField(string Name, YamlNode Key, YamlNode Value);
