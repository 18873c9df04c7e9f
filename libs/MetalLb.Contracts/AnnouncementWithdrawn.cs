namespace MetalLb.Contracts;

/// <summary>A Service is no longer announced by anyone, as of <paramref name="Generation"/>.</summary>
public sealed record AnnouncementWithdrawn(string ServiceKey, long Generation);
