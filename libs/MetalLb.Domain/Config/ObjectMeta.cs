namespace MetalLb.Domain.Config;

/// <summary>The parts of Kubernetes object metadata the rules read, plus where the object was read from.</summary>
public sealed record ObjectMeta
{
    public string Name { get; init; } = "";

    public string? Namespace { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = EmptyMap;

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = EmptyMap;

    public string? Uid { get; init; }

    public string? ResourceVersion { get; init; }

    /// <summary><c>metadata.generation</c>: grows with spec changes only (not status), where the API server keeps it.</summary>
    public long? Generation { get; init; }

    /// <summary>File (or other origin) the object was read from; not a Kubernetes field.</summary>
    public string? Source { get; init; }

    internal static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();
}
