using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>Reads a core/v1 Namespace: only its metadata (name and labels) matters to MetalLB.</summary>
internal static class NamespaceMapper
{
    public static void Read(ObjectContext context)
    {
        if (context.Read<NamespaceDocument>() is { } document)
        {
            context.Objects.Namespaces.Add(new NamespaceInfo(context.Meta(document.Metadata)));
        }
    }

    private sealed class NamespaceDocument
    {
        public ObjectMeta? Metadata { get; init; }
    }
}
