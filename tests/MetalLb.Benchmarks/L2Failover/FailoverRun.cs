namespace MetalLb.Benchmarks.L2Failover;

/// <summary>
/// One failover, read from the client's capture: from the moment the winner was taken away (the start mark)
/// to the new node's first gratuitous ARP, first unsolicited NA and first ARP reply to the client's probe; and, when
/// the old winner came back (the restore mark), the longest stretch without any probe answered.
/// </summary>
internal sealed record FailoverRun(FailoverKind Kind, int Index, double? GratuitousArpMs, double? UnsolicitedNaMs, double? FirstReplyMs, double? OutageMs, double? ReturnGapMs, int DoubleAnswers)
{
    public static FailoverRun Analyse(
        FailoverKind kind, int index, IReadOnlyList<WireFrame> frames, long startNanos, long restoreNanos, long endNanos,
        string oldMac, string newMac, string clientIpv4)
    {
        var window = frames.Where(f => f.Nanos >= startNanos && f.Nanos < endNanos).ToArray();
        var garp = window.FirstOrDefault(f => f.Nanos < restoreNanos && f.SourceMac == newMac && f.IsGratuitousArp && f.SenderIp == L2BenchCluster.Ipv4);
        var una = window.FirstOrDefault(f => f.Nanos < restoreNanos && f.SourceMac == newMac && f.Kind == WireKind.NeighborAdvertisement
            && !f.Solicited && f.TargetIp == L2BenchCluster.Ipv6);
        bool IsProbeReply(WireFrame f) => f.Kind == WireKind.ArpReply && f.SenderIp == L2BenchCluster.Ipv4 && f.TargetIp == clientIpv4;
        var reply = window.FirstOrDefault(f => f.Nanos < restoreNanos && f.SourceMac == newMac && IsProbeReply(f));
        var lastOld = frames.LastOrDefault(f => f.Nanos < startNanos && f.SourceMac == oldMac && IsProbeReply(f));

        // After the old winner returns: the longest gap between consecutive probe answers until it answers again.
        var back = window.FirstOrDefault(f => f.Nanos >= restoreNanos && f.SourceMac == oldMac && IsProbeReply(f));
        double? returnGap = null;
        if (back is not null)
        {
            var answers = frames.Where(f => f.Nanos <= back.Nanos && IsProbeReply(f) && f.Nanos >= restoreNanos - 1_000_000_000L)
                .Select(f => f.Nanos).Order().ToArray();
            returnGap = answers.Zip(answers.Skip(1), (a, b) => Clock.Milliseconds(a, b)).DefaultIfEmpty(0).Max();
        }

        // A probe answered by both MACs (the old winner still answering after the new one started) would show here.
        var doubles = window.Where(f => f.Nanos < restoreNanos && f.SourceMac == oldMac && IsProbeReply(f) && reply is not null && f.Nanos > reply.Nanos).Count();
        return new FailoverRun(
            kind, index,
            garp is null ? null : Clock.Milliseconds(startNanos, garp.Nanos),
            una is null ? null : Clock.Milliseconds(startNanos, una.Nanos),
            reply is null ? null : Clock.Milliseconds(startNanos, reply.Nanos),
            reply is null || lastOld is null ? null : Clock.Milliseconds(lastOld.Nanos, reply.Nanos),
            returnGap,
            doubles);
    }
}
