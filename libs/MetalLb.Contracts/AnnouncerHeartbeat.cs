namespace MetalLb.Contracts;

/// <summary>An announcer says it is alive; <paramref name="Goodbye"/> marks an orderly shutdown.</summary>
public sealed record AnnouncerHeartbeat(string Node, long Sequence, DateTimeOffset SentAt, bool Goodbye = false);
