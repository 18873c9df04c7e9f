using k8s.Models;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Entities;

/// <summary>Maps KubernetesClient's <see cref="V1ObjectMeta"/> onto the domain's <see cref="ObjectMeta"/>.</summary>
internal static class ObjectMetaMapper
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public static ObjectMeta ToDomain(V1ObjectMeta? meta) => new()
    {
        Name = meta?.Name ?? "",
        Namespace = meta?.NamespaceProperty,
        Labels = Copy(meta?.Labels),
        Annotations = Copy(meta?.Annotations),
        Uid = meta?.Uid,
        ResourceVersion = meta?.ResourceVersion,
        Generation = meta?.Generation,
    };

    private static IReadOnlyDictionary<string, string> Copy(IDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? Empty : new Dictionary<string, string>(map, StringComparer.Ordinal);
}
