namespace MetalLb.Contracts;

/// <summary>Every current plan, with the digest they hash to; the answer to <see cref="RequestAnnouncementSnapshot"/>.</summary>
public sealed record AnnouncementSnapshot(IReadOnlyList<AnnouncementPlan> Plans, PlanDigest Digest);
