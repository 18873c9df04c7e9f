namespace MetalLb.Kubernetes.Caching;

/// <summary>What one item of a translated watch stream means to the cache.</summary>
internal enum WatchItemType
{
    /// <summary>ADDED or MODIFIED: the object is stored or replaced.</summary>
    Upserted,

    /// <summary>DELETED: the object is removed.</summary>
    Deleted,

    /// <summary>BOOKMARK: only the resourceVersion moves on.</summary>
    Bookmark,

    /// <summary>An object that could not be read: logged and skipped, its last readable version stays.</summary>
    Malformed,

    /// <summary>An ERROR event (a Status): 410 Gone means relist, anything else a retry after a backoff.</summary>
    Failed,
}
