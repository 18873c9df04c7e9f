using System.Globalization;
using System.Text;

namespace MetalLb.Benchmarks.InitialSync;

/// <summary>The Markdown report of <c>initial-sync</c>: the timeline, then the allocator's API requests by kind.</summary>
internal static class InitialSyncReport
{
    public static string Format(InitialSyncOptions options, SyncResult r)
    {
        var n = r.Services;
        var text = new StringBuilder();
        text.AppendLine(Invariant(
            $"Initial sync: {n:N0} LoadBalancer Services, one IPAddressPool (/17) with an L2Advertisement and 3 Nodes in a real kube-apiserver 1.20 + etcd on loopback; the allocator (AddAllocator, in-memory bus, leader election off) starts after they exist. {Environment.ProcessorCount} CPUs shared by etcd, kube-apiserver and the allocator, .NET {Environment.Version}."));
        text.AppendLine();
        text.AppendLine(Invariant($"Preparation: {n:N0} Services created in {r.CreateElapsed.TotalSeconds:0.0} s ({n / r.CreateElapsed.TotalSeconds:0}/s, {options.Parallel} concurrent POSTs)."));
        text.AppendLine();
        text.AppendLine("| from allocator start to | seconds |");
        text.AppendLine("|---|---:|");
        text.AppendLine(Invariant($"| cache synced (every kind listed) | {r.CacheSynced.TotalSeconds:0.00} |"));
        text.AppendLine(Invariant($"| first Service status written | {r.FirstStatus.TotalSeconds:0.00} |"));
        text.AppendLine(Invariant($"| **all {n:N0} statuses written** | **{r.AllStatus.TotalSeconds:0.00}** |"));
        text.AppendLine(Invariant($"| first plan published | {r.FirstPlanPublished.TotalSeconds:0.00} |"));
        text.AppendLine(Invariant($"| **all {n:N0} plans published** | **{r.AllPlansPublished.TotalSeconds:0.00}** |"));
        text.AppendLine(Invariant($"| all plans received by the in-memory consumer | {(r.AllPlansReceived is { } received ? received.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) : "not all")} |"));
        text.AppendLine();
        text.AppendLine(Invariant(
            $"Statuses written per second: {n / (r.AllStatus - r.FirstStatus).TotalSeconds:0}. Reconcile passes: {r.PassesAtDone} when done, {r.PassesAfterSettle} after {r.Settle.TotalSeconds:0} s more. Benchmark process (allocator + consumer + counting) CPU {r.ProcessCpuMs / 1000.0:0.0} s, allocated {r.AllocatedBytes / 1048576.0:N0} MiB. Read back: {r.Verified.WithIp:N0} Services with one IP ({r.Verified.DistinctIps:N0} distinct), {r.Verified.Annotated:N0} with the pool annotation."));
        text.AppendLine();
        var total = r.RequestsAtDone.Sum(x => x.Sent);
        var totalAfter = r.RequestsAfterSettle.Sum(x => x.Sent);
        text.AppendLine(Invariant($"| allocator API requests (verb resource) | when done | per Service | failed | after settling |"));
        text.AppendLine("|---|---:|---:|---:|---:|");
        var after = r.RequestsAfterSettle.ToDictionary(x => x.Request, x => x.Sent);
        foreach (var (request, sent, failed) in r.RequestsAtDone)
        {
            text.AppendLine(Invariant($"| {request} | {sent:N0} | {(double)sent / n:0.000} | {failed:N0} | {after.GetValueOrDefault(request):N0} |"));
        }

        foreach (var (request, sent, _) in r.RequestsAfterSettle.Where(x => !r.RequestsAtDone.Any(d => d.Request == x.Request)))
        {
            text.AppendLine(Invariant($"| {request} | 0 | 0 | 0 | {sent:N0} |"));
        }

        text.AppendLine(Invariant($"| **total** | **{total:N0}** | **{(double)total / n:0.000}** | {r.RequestsAtDone.Sum(x => x.Failed):N0} | {totalAfter:N0} |"));
        return text.ToString();
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
