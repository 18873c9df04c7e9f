namespace MetalLb.Benchmarks.L2Failover;

/// <summary>One announcer given many IPs: how long claiming took, and its memory and CPU before, after and while idle.</summary>
internal sealed record ScaleResult(
    int Services,
    int Ips,
    double PublishMs,
    double ClaimAllMs,
    ProcessSample Fresh,
    ProcessSample Before,
    ProcessSample Claimed,
    ProcessSample Settled,
    ProcessSample Idle,
    int DistinctUnsolicitedTargets,
    int ProbesAnswered,
    int ProbesSent)
{
    public double IdleCpuPercent => Percent(Settled, Idle);

    public double EmptyCpuPercent => Percent(Fresh, Before);

    private static double Percent(ProcessSample from, ProcessSample to) => (to.CpuSeconds - from.CpuSeconds) / ((to.Nanos - from.Nanos) / 1e9) * 100;
}
