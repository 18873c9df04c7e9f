using Microsoft.Extensions.Logging;

namespace MetalLb.Kubernetes.Caching;

/// <summary>Log messages of the cluster object cache (event ids 2001–2099).</summary>
internal static partial class ClusterObjectCacheLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug,
        Message = "Listed {Count} {Kind} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, int count, string kind, string? resourceVersion);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "{Kind} synced")]
    public static partial void KindSynced(ILogger logger, string kind);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Cluster object cache synced ({Kinds} kinds)")]
    public static partial void Synced(ILogger logger, int kinds);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information,
        Message = "{Kind} watch from resourceVersion {ResourceVersion} expired (410 Gone); relisting")]
    public static partial void WatchExpired(ILogger logger, string kind, string? resourceVersion);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug,
        Message = "{Kind} watch ended at resourceVersion {ResourceVersion}; resuming")]
    public static partial void WatchEnded(ILogger logger, string kind, string? resourceVersion);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug,
        Message = "{Kind} watch ended early without events at resourceVersion {ResourceVersion}; resuming in {Delay}")]
    public static partial void WatchEndedEarly(ILogger logger, string kind, string? resourceVersion, TimeSpan delay);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning,
        Message = "{Kind} list/watch failed: {Error}; relisting in {Delay}")]
    public static partial void ListWatchFailed(ILogger logger, string kind, string error, TimeSpan delay);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning,
        Message = "{Kind} list/watch failed unexpectedly; relisting in {Delay}")]
    public static partial void ListWatchFailedUnexpectedly(ILogger logger, Exception exception, string kind, TimeSpan delay);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning,
        Message = "Skipping unreadable {Kind} {Object} at resourceVersion {ResourceVersion}: {Problem}")]
    public static partial void Malformed(ILogger logger, string kind, string? @object, string? resourceVersion, string? problem);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Error, Message = "A Changed handler of the cluster object cache threw")]
    public static partial void ChangedHandlerFailed(ILogger logger, Exception exception);
}
