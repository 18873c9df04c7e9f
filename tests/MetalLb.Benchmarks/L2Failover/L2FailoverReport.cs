using System.Globalization;
using System.Text;
using MetalLb.Benchmarks.Cluster;

namespace MetalLb.Benchmarks.L2Failover;

/// <summary>The Markdown tables of <c>l2-failover</c>.</summary>
internal static class L2FailoverReport
{
    public static string Format(
        L2FailoverOptions options, IReadOnlyList<ResponderLatency> latency, IReadOnlyList<FailoverRun> runs, ScaleResult? scale,
        string loadBefore, string loadAfter, string? drops)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"## l2-failover (load average {loadBefore} at start, {loadAfter} at end; {Environment.ProcessorCount} cores)");
        s.AppendLine();
        s.AppendLine("### Reply latency on the client's wire (request → reply, tcpdump timestamps), same node, same run");
        s.AppendLine();
        s.AppendLine("| target | answered by | answered | p50 | p99 | max |");
        s.AppendLine("|---|---|---|---|---|---|");
        foreach (var l in latency)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {l.Target} | {l.Answerer} | {l.Answered}/{l.Requests} | {Us(l.Milliseconds.P50)} | {Us(l.Milliseconds.P99)} | {Us(l.Milliseconds.Max)} |");
        }

        for (var i = 0; i + 1 < latency.Count; i += 2)
        {
            var (ours, kernel) = (latency[i].Milliseconds, latency[i + 1].Milliseconds);
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| ratio {(i == 0 ? "ARP" : "NDP")} ours / kernel | | | {ours.P50 / kernel.P50:0.0}× | {ours.P99 / kernel.P99:0.0}× | |");
        }

        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture,
            $"### Failover: ms from taking node-1 away to node-2 on the wire (probe: one ARP request every {options.ProbeInterval.TotalMilliseconds:0} ms)");
        s.AppendLine();
        s.AppendLine("| event | runs | first gratuitous ARP p50 / p95 / max | first unsolicited NA p50 / p95 / max | first probe reply p50 / p95 / max | outage (last old reply → first new) p50 / max | node-1 returns: longest gap p50 / max |");
        s.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var group in runs.GroupBy(r => r.Kind))
        {
            var r = group.ToArray();
            var missing = r.Count(x => x.GratuitousArpMs is null || x.FirstReplyMs is null);
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {Name(group.Key)} | {r.Length}{(missing > 0 ? $" ({missing} incomplete)" : "")} | {Three(r.Select(x => x.GratuitousArpMs))} | {Three(r.Select(x => x.UnsolicitedNaMs))} | {Three(r.Select(x => x.FirstReplyMs))} | {Two(r.Select(x => x.OutageMs))} | {Two(r.Select(x => x.ReturnGapMs))} |");
        }

        var doubles = runs.Sum(r => r.DoubleAnswers);
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Probe replies from node-1 after node-2 had answered (both answering): {doubles}. {drops ?? ""}");
        s.AppendLine();
        s.AppendLine("Per run (ms): kind, GARP, NA, reply, outage, return gap, node-1 replies after node-2's first");
        s.AppendLine();
        s.AppendLine("```");
        foreach (var r in runs)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"{r.Kind,-9} {r.Index,2} {F(r.GratuitousArpMs),8} {F(r.UnsolicitedNaMs),8} {F(r.FirstReplyMs),8} {F(r.OutageMs),8} {F(r.ReturnGapMs),8} {r.DoubleAnswers,3}");
        }

        s.AppendLine("```");
        if (scale is not null)
        {
            s.AppendLine();
            s.AppendLine(CultureInfo.InvariantCulture, $"### One announcer with {scale.Ips:N0} IPv6 addresses ({scale.Services} Services × {scale.Ips / scale.Services})");
            s.AppendLine();
            s.AppendLine("| measure | value |");
            s.AppendLine("|---|---|");
            s.AppendLine(CultureInfo.InvariantCulture, $"| plans published (from the first publish to the last) | {scale.PublishMs:0} ms |");
            s.AppendLine(CultureInfo.InvariantCulture, $"| **first publish → every Service reported announcing** | **{scale.ClaimAllMs:0} ms** |");
            s.AppendLine(CultureInfo.InvariantCulture, $"| RSS idle with no IPs / all claimed / settled / after {(scale.Idle.Nanos - scale.Settled.Nanos) / 1e9:0} s idle | {scale.Before.RssMiB:0.0} / {scale.Claimed.RssMiB:0.0} / {scale.Settled.RssMiB:0.0} / {scale.Idle.RssMiB:0.0} MiB |");
            s.AppendLine(CultureInfo.InvariantCulture, $"| peak RSS (VmHWM) | {scale.Idle.PeakRssMiB:0.0} MiB |");
            s.AppendLine(CultureInfo.InvariantCulture, $"| open file descriptors with no IPs / all claimed | {scale.Before.OpenFiles:N0} / {scale.Claimed.OpenFiles:N0} |");
            s.AppendLine(CultureInfo.InvariantCulture, $"| CPU with no IPs, 3–13 s after start (JIT tier-up included) | {scale.EmptyCpuPercent:0.00} % of a core ({scale.Before.CpuSeconds - scale.Fresh.CpuSeconds:0.00} s in {(scale.Before.Nanos - scale.Fresh.Nanos) / 1e9:0} s) |");
            s.AppendLine(CultureInfo.InvariantCulture, $"| CPU used claiming (utime+stime) | {scale.Claimed.CpuSeconds - scale.Before.CpuSeconds:0.00} s |");
            s.AppendLine(CultureInfo.InvariantCulture, $"| CPU from claimed to settled (gratuitous repeats, 5 s) | {scale.Settled.CpuSeconds - scale.Claimed.CpuSeconds:0.00} s |");
            s.AppendLine(CultureInfo.InvariantCulture, $"| **CPU while idle** | **{scale.IdleCpuPercent:0.00} % of a core** ({scale.Idle.CpuSeconds - scale.Settled.CpuSeconds:0.00} s in {(scale.Idle.Nanos - scale.Settled.Nanos) / 1e9:0} s) |");
            s.AppendLine(CultureInfo.InvariantCulture, $"| distinct targets of unsolicited NAs seen by the client | {scale.DistinctUnsolicitedTargets:N0} of {scale.Ips:N0} |");
            s.AppendLine(CultureInfo.InvariantCulture, $"| NS probes to the first, middle and last address answered | {scale.ProbesAnswered}/{scale.ProbesSent} |");
        }

        return s.ToString();
    }

    private static string Name(FailoverKind kind) => kind switch
    {
        FailoverKind.Kill => "SIGKILL of node-1's announcer",
        FailoverKind.Terminate => "SIGTERM of node-1's announcer (goodbye)",
        _ => "node-1's bridge port down",
    };

    private static string Us(double ms) => double.IsNaN(ms) ? "—" : $"{ms * 1000:0} µs";

    private static string F(double? ms) => ms is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static string Three(IEnumerable<double?> values)
    {
        var l = new LatencySummary(values.OfType<double>());
        return l.Count == 0 ? "—" : $"{l.P50:0} / {l.Percentile(0.95):0} / {l.Max:0}";
    }

    private static string Two(IEnumerable<double?> values)
    {
        var l = new LatencySummary(values.OfType<double>());
        return l.Count == 0 ? "—" : $"{l.P50:0} / {l.Max:0}";
    }
}
