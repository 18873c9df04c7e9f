namespace MetalLb.Announcer.Frr;

/// <summary>One reload attempt: its outcome, FRR's complaint when it failed (passwords masked), and the backend's counters after it.</summary>
public sealed record FrrApplyAttempt(FrrApplyOutcome Outcome, string? Error, long Applies, long Failures, long Unchanged);
