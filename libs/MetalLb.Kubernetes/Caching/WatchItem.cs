namespace MetalLb.Kubernetes.Caching;

/// <summary>One watch event, decoded: an object to store, a key to remove, a new resourceVersion or a problem.</summary>
internal sealed record WatchItem(WatchItemType Type)
{
    public CachedObject? Object { get; init; }

    /// <summary>The object key for <see cref="WatchItemType.Deleted"/> and, when known, <see cref="WatchItemType.Malformed"/>.</summary>
    public string? Key { get; init; }

    /// <summary>The resourceVersion this item moves the watch to, when it carries one.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Why an object is malformed or what the API server reported.</summary>
    public string? Problem { get; init; }

    /// <summary>For <see cref="WatchItemType.Failed"/>: the Status code (410 means the resourceVersion is too old).</summary>
    public int? StatusCode { get; init; }

    /// <summary>For <see cref="WatchItemType.Failed"/>: whether the watch must start over from a new list.</summary>
    public bool Expired { get; init; }

    public static WatchItem Upserted(CachedObject value) =>
        new(WatchItemType.Upserted) { Object = value, Key = value.Key, ResourceVersion = value.ResourceVersion };

    public static WatchItem Deleted(string key, string? resourceVersion) =>
        new(WatchItemType.Deleted) { Key = key, ResourceVersion = resourceVersion };

    public static WatchItem Bookmark(string? resourceVersion) =>
        new(WatchItemType.Bookmark) { ResourceVersion = resourceVersion };

    public static WatchItem Malformed(string? key, string? resourceVersion, string problem) =>
        new(WatchItemType.Malformed) { Key = key, ResourceVersion = resourceVersion, Problem = problem };

    public static WatchItem Failed(int? statusCode, string problem, bool expired) =>
        new(WatchItemType.Failed) { StatusCode = statusCode, Problem = problem, Expired = expired };
}
