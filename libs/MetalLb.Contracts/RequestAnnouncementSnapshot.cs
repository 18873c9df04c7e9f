namespace MetalLb.Contracts;

/// <summary>An announcer asks for every current plan (on start, reconnect, or a digest mismatch).</summary>
public sealed record RequestAnnouncementSnapshot(string Node);
