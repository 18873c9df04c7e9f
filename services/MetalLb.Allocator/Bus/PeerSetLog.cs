namespace MetalLb.Allocator.Bus;

/// <summary>The allocator's log messages about BGP peer sets (EventIds 130–139); none ever carries a password.</summary>
internal static partial class PeerSetLog
{
    [LoggerMessage(EventId = 130, Level = LogLevel.Information,
        Message = "BGP peer set for {Node} generation {Generation}: peers [{Peers}], {Problems} with problems")]
    public static partial void Published(ILogger logger, string node, long generation, string peers, int problems);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "BGP peer {Peer} gets no session on {Node}: {Problem}")]
    public static partial void PeerProblem(ILogger logger, string node, string peer, string problem);

    [LoggerMessage(EventId = 132, Level = LogLevel.Warning, Message = "Publishing the BGP peer set of {Node} failed; retrying later")]
    public static partial void PublishFailed(ILogger logger, string node, Exception exception);

    [LoggerMessage(EventId = 133, Level = LogLevel.Information, Message = "The BGP password key changed; every peer set is sealed again")]
    public static partial void KeyChanged(ILogger logger);
}
