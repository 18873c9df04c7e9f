namespace MetalLb.Allocator.Reconciliation;

/// <summary>The allocator's log messages (EventIds 100–149).</summary>
internal static partial class AllocatorLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Configuration applied: {Pools} pools, {Reprocess} Services to reprocess")]
    public static partial void ConfigApplied(ILogger logger, int pools, int reprocess);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Configuration invalid, not applied (last good one in force: {HasLastGood}): {Errors}")]
    public static partial void ConfigInvalid(ILogger logger, bool hasLastGood, string errors);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Allocation of {Service} dropped by the new configuration: {Drop}")]
    public static partial void AllocationDropped(ILogger logger, string service, string drop);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Restored {Services} Services from status, {Assigned} with IPs")]
    public static partial void Restored(ILogger logger, int services, int assigned);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Released {Service}")]
    public static partial void Released(ILogger logger, string service);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Wrote status of {Service}: [{Ips}] pool {Pool}")]
    public static partial void StatusWritten(ILogger logger, string service, string ips, string pool);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Writing the status of {Service} failed; retrying later")]
    public static partial void StatusWriteFailed(ILogger logger, string service, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Recording Event {Reason} on {Service} failed")]
    public static partial void EventFailed(ILogger logger, string service, string reason, Exception exception);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Writing ConfigurationState failed; retrying later")]
    public static partial void ConfigurationStateFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 109, Level = LogLevel.Warning, Message = "Publishing the plan of {Service} failed; retrying later")]
    public static partial void PublishFailed(ILogger logger, string service, Exception exception);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Writing the status of pool {Pool} failed; retrying later")]
    public static partial void PoolStatusFailed(ILogger logger, string pool, Exception exception);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Started leading as {Identity}")]
    public static partial void StartedLeading(ILogger logger, string identity);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Stopped leading as {Identity}; state dropped, a new term restores from status")]
    public static partial void StoppedLeading(ILogger logger, string identity);

    [LoggerMessage(EventId = 122, Level = LogLevel.Error, Message = "Reconcile pass failed")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 123, Level = LogLevel.Warning, Message = "Leader election failed; retrying")]
    public static partial void ElectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 124, Level = LogLevel.Information, Message = "Plan for {Service} generation {Generation}: [{Ips}] L2 {L2} BGP nodes {BgpNodes}")]
    public static partial void PlanPublished(ILogger logger, string service, long generation, string ips, bool l2, int bgpNodes);

    [LoggerMessage(EventId = 125, Level = LogLevel.Information, Message = "Withdrawn {Service} generation {Generation}")]
    public static partial void Withdrawn(ILogger logger, string service, long generation);

    [LoggerMessage(EventId = 126, Level = LogLevel.Warning, Message = "Publishing the plan digest failed; retrying at the next interval")]
    public static partial void DigestFailed(ILogger logger, Exception exception);
}
