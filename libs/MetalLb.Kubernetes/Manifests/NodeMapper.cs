using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>Reads a core/v1 Node: metadata and whether its <c>NetworkUnavailable</c> condition is <c>True</c>.</summary>
internal static class NodeMapper
{
    public static void Read(ObjectContext context)
    {
        if (context.Read<NodeDocument>() is not { } document)
        {
            return;
        }

        var conditions = document.Status?.Conditions ?? [];
        context.Objects.Nodes.Add(new NodeInfo(context.Meta(document.Metadata))
        {
            NetworkUnavailable = conditions.Any(c => c.Type == "NetworkUnavailable" && c.Status == "True"),
        });
    }

    private sealed class NodeDocument
    {
        public ObjectMeta? Metadata { get; init; }

        public NodeStatus? Status { get; init; }
    }

    private sealed class NodeStatus
    {
        public IReadOnlyList<NodeCondition>? Conditions { get; init; }
    }

    private sealed class NodeCondition
    {
        public string? Type { get; init; }

        public string? Status { get; init; }
    }
}
