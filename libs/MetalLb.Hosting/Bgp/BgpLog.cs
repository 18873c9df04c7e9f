using Microsoft.Extensions.Logging;

namespace MetalLb.Hosting.Bgp;

/// <summary>Log messages of BGP peer sets and password sealing (EventIds 1100–1119); none ever carries a password.</summary>
internal static partial class BgpLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "BGP peer passwords are sealed with key {KeyId}")]
    public static partial void KeyInUse(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "No key to seal BGP peer passwords ({Problem}): peers with a password get no session")]
    public static partial void NoKey(ILogger logger, string problem);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Information,
        Message = "No key to seal BGP peer passwords ({Problem}): peers with a password get no session")]
    public static partial void NoKeyConfigured(ILogger logger, string problem);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Acting on the new BGP password key failed in {Listener}")]
    public static partial void KeyListenerFailed(ILogger logger, string listener, Exception exception);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information,
        Message = "{Node}: BGP peer set generation {Generation}: peers [{Peers}], {Problems} with problems")]
    public static partial void PeerSetApplied(ILogger logger, string node, long generation, string peers, int problems);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "{Node}: BGP peer {Peer} has no session: {Problem}")]
    public static partial void PeerProblem(ILogger logger, string node, string peer, string problem);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "{Node}: the BGP backend refused peer set generation {Generation}; retried on the next digest")]
    public static partial void BackendFailed(ILogger logger, string node, long generation, Exception exception);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information,
        Message = "{Node}: the allocator's peer set digest says generation {Expected}, this node has {Known}; asking for a snapshot")]
    public static partial void PeerSetResync(ILogger logger, string node, long expected, long known);
}
