using k8s;

namespace MetalLb.Kubernetes.Caching;

/// <summary>Turns one watch or list event into a <see cref="WatchItem"/>, whatever the object's wire type.</summary>
internal static class WatchItemFactory
{
    /// <summary>
    /// <paramref name="read"/> maps the object onto its domain value (null with a reason when it cannot be read, or
    /// an exception); DELETED needs only the identity, so an unreadable object is still removed.
    /// </summary>
    public static WatchItem FromEvent(
        WatchEventType type, string? @namespace, string? name, string? resourceVersion, Func<(object? Value, string? Problem)> read)
    {
        if (type == WatchEventType.Bookmark)
        {
            return WatchItem.Bookmark(resourceVersion);
        }

        if (type == WatchEventType.Error)
        {
            return WatchItem.Failed(null, "ERROR event without a Status object", expired: false);
        }

        if (string.IsNullOrEmpty(name))
        {
            return WatchItem.Malformed(null, resourceVersion, "object without metadata.name");
        }

        var key = CachedObject.KeyOf(@namespace, name);
        if (type == WatchEventType.Deleted)
        {
            return WatchItem.Deleted(key, resourceVersion);
        }

        try
        {
            var (value, problem) = read();
            return value is null
                ? WatchItem.Malformed(key, resourceVersion, problem ?? "unreadable object")
                : WatchItem.Upserted(new CachedObject(key, resourceVersion, value));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return WatchItem.Malformed(key, resourceVersion, ex.Message);
        }
    }

    /// <summary>The items of a list, read as ADDED events, split into readable and unreadable objects.</summary>
    public static KindList ToList(string? resourceVersion, IEnumerable<WatchItem> items)
    {
        var all = items.ToList();
        return new KindList(resourceVersion, [.. all.Where(i => i.Object is not null).Select(i => i.Object!)])
        {
            Malformed = [.. all.Where(i => i.Type == WatchItemType.Malformed)],
        };
    }
}
