namespace MetalLb.Kubernetes.Caching;

/// <summary>The result of listing one kind: the list's resourceVersion, the readable objects and the unreadable ones.</summary>
internal sealed record KindList(string? ResourceVersion, IReadOnlyList<CachedObject> Objects)
{
    /// <summary>Objects that could not be read, as <see cref="WatchItemType.Malformed"/> items.</summary>
    public IReadOnlyList<WatchItem> Malformed { get; init; } = [];
}
