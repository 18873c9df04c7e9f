using System.Globalization;
using System.Text;
using MetalLb.Benchmarks.Cluster;

namespace MetalLb.Benchmarks.InitialSync;

/// <summary>
/// The Markdown report of <c>initial-sync</c>: the timeline of the first start and of the restart side by side, the
/// allocator's API requests by kind, and the latency of new Services with all the others present.
/// </summary>
internal static class InitialSyncReport
{
    public static string Format(InitialSyncOptions options, SyncResult first, SyncResult restart)
    {
        var n = first.Services;
        var text = new StringBuilder();
        text.AppendLine(Invariant(
            $"Initial sync: {n:N0} LoadBalancer Services, one IPAddressPool (/17) with an L2Advertisement and 3 Nodes in a real kube-apiserver 1.20 + etcd on loopback; the allocator (AddAllocator, in-memory bus with the consumer in-process, leader election off) starts after they exist, first with no status written, then again (restart) with every status in place. {Environment.ProcessorCount} CPUs shared by etcd, kube-apiserver and the allocator, .NET {Environment.Version}."));
        text.AppendLine();
        text.AppendLine(Invariant($"Preparation: {n:N0} Services created in {first.CreateElapsed.TotalSeconds:0.0} s ({n / first.CreateElapsed.TotalSeconds:0}/s, {options.Parallel} concurrent POSTs)."));
        text.AppendLine();
        text.AppendLine("| seconds from allocator start to | first start | restart |");
        text.AppendLine("|---|---:|---:|");
        text.AppendLine(Invariant($"| cache synced (every kind listed) | {first.CacheSynced.TotalSeconds:0.00} | {restart.CacheSynced.TotalSeconds:0.00} |"));
        text.AppendLine(Invariant($"| first Service status written | {Seconds(first.FirstStatus)} | {Seconds(restart.FirstStatus)} |"));
        text.AppendLine(Invariant($"| **all {n:N0} statuses written** | **{Seconds(first.AllStatus)}** | {Seconds(restart.AllStatus)} |"));
        text.AppendLine(Invariant($"| first plan published | {first.FirstPlanPublished.TotalSeconds:0.00} | {restart.FirstPlanPublished.TotalSeconds:0.00} |"));
        text.AppendLine(Invariant($"| **all {n:N0} plans published** | **{first.AllPlansPublished.TotalSeconds:0.00}** | **{restart.AllPlansPublished.TotalSeconds:0.00}** |"));
        text.AppendLine(Invariant($"| all plans received by the consumer | {Seconds(first.AllPlansReceived)} | {Seconds(restart.AllPlansReceived)} |"));
        text.AppendLine(Invariant($"| reconcile passes when done / {first.Settle.TotalSeconds:0} s later | {first.PassesAtDone} / {first.PassesAfterSettle} | {restart.PassesAtDone} / {restart.PassesAfterSettle} |"));
        text.AppendLine(Invariant($"| allocator process CPU seconds, MiB allocated (until settled) | {first.ProcessCpuMs / 1000.0:0.0} s, {first.AllocatedBytes / 1048576.0:N0} | {restart.ProcessCpuMs / 1000.0:0.0} s, {restart.AllocatedBytes / 1048576.0:N0} |"));
        text.AppendLine();
        if (first.AllStatus is { } all && first.FirstStatus is { } firstStatus)
        {
            text.AppendLine(Invariant($"First start: {n / (all - firstStatus).TotalSeconds:0} statuses written per second. "));
        }

        text.AppendLine(Invariant(
            $"Read back after the first start: {first.Verified.WithIp:N0} Services with one IP ({first.Verified.DistinctIps:N0} distinct), {first.Verified.Annotated:N0} with the pool annotation."));
        text.AppendLine();
        AppendRequests(text, n, first, restart);
        AppendTraces(text, options, n, restart);
        return text.ToString();
    }

    private static void AppendRequests(StringBuilder text, int n, SyncResult first, SyncResult restart)
    {
        var restartCounts = restart.RequestsAtDone.ToDictionary(x => x.Request, x => x.Sent);
        var settled = first.RequestsAfterSettle.ToDictionary(x => x.Request, x => x.Sent);
        text.AppendLine("| allocator API requests (verb resource) | first start, when done | per Service | failed | +settle | restart, when done |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        var kinds = first.RequestsAtDone.Select(x => x.Request)
            .Concat(first.RequestsAfterSettle.Select(x => x.Request))
            .Concat(restart.RequestsAtDone.Select(x => x.Request))
            .Distinct();
        var atDone = first.RequestsAtDone.ToDictionary(x => x.Request);
        foreach (var kind in kinds.OrderByDescending(k => atDone.TryGetValue(k, out var d) ? d.Sent : 0).ThenBy(k => k.ToString(), StringComparer.Ordinal))
        {
            var (_, sent, failed) = atDone.GetValueOrDefault(kind);
            text.AppendLine(Invariant(
                $"| {kind} | {sent:N0} | {(double)sent / n:0.000} | {failed:N0} | {settled.GetValueOrDefault(kind) - sent:N0} | {restartCounts.GetValueOrDefault(kind):N0} |"));
        }

        var total = first.RequestsAtDone.Sum(x => x.Sent);
        text.AppendLine(Invariant(
            $"| **total** | **{total:N0}** | **{(double)total / n:0.000}** | {first.RequestsAtDone.Sum(x => x.Failed):N0} | {first.RequestsAfterSettle.Sum(x => x.Sent) - total:N0} | {restart.RequestsAtDone.Sum(x => x.Sent):N0} |"));
        text.AppendLine();
    }

    private static void AppendTraces(StringBuilder text, InitialSyncOptions options, int n, SyncResult restart)
    {
        if (restart.Traces.Count == 0)
        {
            return;
        }

        text.AppendLine(Invariant(
            $"{restart.Traces.Count} new Services created one after another after the restart ({options.TraceGap.TotalMilliseconds:0} ms after each plan arrives), with {n:N0} others present (compare bus-latency's in-memory column, on an empty cluster):"));
        text.AppendLine();
        text.AppendLine("| segment | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var (segment, label) in new[]
        {
            (Segment.CacheToReceived, "cache event → plan received"),
            (Segment.CacheToHanded, "cache event → plan handed to the bus"),
            (Segment.CreateCall, "create call (POST Service) itself"),
        })
        {
            var s = ServiceTracer.Summarize(restart.Traces, segment);
            text.AppendLine(Invariant($"| {label} | {s.P50:0.00} | {s.P99:0.00} | {s.Max:0.00} |"));
        }

        text.AppendLine();
        var created = restart.Traces.Count + InitialSyncOptions.TraceWarmup;
        text.AppendLine(Invariant(
            $"Per new Service meanwhile: {(double)restart.TracePasses / created:0.00} reconcile passes, {(double)restart.TracePublishCalls / created:0.00} plans published; API requests {string.Join(", ", restart.TraceRequests.Select(r => Invariant($"{r.Request} {(double)r.Sent / created:0.00}")))}."));
    }

    private static string Seconds(TimeSpan? value) =>
        value is { } v ? v.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
