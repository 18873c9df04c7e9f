namespace MetalLb.Announcer.Frr;

/// <summary>FRR mode's log lines. None of them carries a password: FRR's output is masked before it gets here.</summary>
internal static partial class FrrLog
{
    [LoggerMessage(EventId = 950, Level = LogLevel.Information, Message = "FRR runs the new configuration ({Peers} peers, {Routes} routes, {Bytes} bytes); reload took {ElapsedMs} ms")]
    public static partial void Applied(ILogger logger, int peers, int routes, int bytes, long elapsedMs);

    [LoggerMessage(EventId = 951, Level = LogLevel.Warning, Message = "Reloading FRR failed; trying again in {Retry}")]
    public static partial void ApplyFailed(ILogger logger, TimeSpan retry, Exception exception);

    [LoggerMessage(EventId = 952, Level = LogLevel.Debug, Message = "FRR configuration unchanged; not reloading")]
    public static partial void Unchanged(ILogger logger);

    [LoggerMessage(EventId = 953, Level = LogLevel.Warning, Message = "Peer {Peer} is left out of the FRR configuration: {Reason}")]
    public static partial void PeerSkipped(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 954, Level = LogLevel.Warning, Message = "FRR configuration: {Problem}")]
    public static partial void Problem(ILogger logger, string problem);

    [LoggerMessage(EventId = 955, Level = LogLevel.Warning, Message = "Reading FRR's BGP neighbours failed: {Error}")]
    public static partial void PollFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 956, Level = LogLevel.Information, Message = "FRR answers again")]
    public static partial void PollRecovered(ILogger logger);

    [LoggerMessage(EventId = 957, Level = LogLevel.Information, Message = "BGP session {Peer} ({Endpoint}) is {State}")]
    public static partial void SessionChanged(ILogger logger, string peer, string endpoint, string state);

    [LoggerMessage(EventId = 958, Level = LogLevel.Warning, Message = "FRR reports no BGP neighbours although {Count} are configured (FRR restarted without its configuration?); applying it again")]
    public static partial void ConfigurationLost(ILogger logger, int count);

    [LoggerMessage(EventId = 959, Level = LogLevel.Information, Message = "FRR runs the configuration after {Rounds} reload(s): {Output}")]
    public static partial void ReloadTookRounds(ILogger logger, int rounds, string output);

    [LoggerMessage(EventId = 960, Level = LogLevel.Error, Message = "FRR backend: unexpected failure in the {Loop} loop")]
    public static partial void LoopFailed(ILogger logger, string loop, Exception exception);
}
