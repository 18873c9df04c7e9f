using k8s;

namespace MetalLb.Benchmarks.Cluster;

/// <summary>Creates Services one after another, each traced from the create call until its plan reaches the consumer.</summary>
internal static class ServiceTracer
{
    /// <summary>
    /// Creates <paramref name="warmup"/> + <paramref name="count"/> Services named <c>{prefix}-NNNNN</c> (each name is
    /// added to <paramref name="created"/> once it exists) and returns the traces of the last <paramref name="count"/>.
    /// </summary>
    public static async Task<IReadOnlyList<PlanTrace>> TraceAsync(
        BenchCluster cluster, PlanProbe probe, string prefix, int warmup, int count, TimeSpan gap, TimeSpan timeout,
        ICollection<string> created, CancellationToken cancellationToken)
    {
        var traces = new List<PlanTrace>(count);
        for (var i = 0; i < warmup + count; i++)
        {
            var name = $"{prefix}-{i:d5}";
            var trace = probe.Trace($"{BenchManifests.ServiceNamespace}/{name}");
            trace.MarkCreateStart();
            await cluster.Client.CoreV1.CreateNamespacedServiceAsync(
                BenchManifests.Service(name), BenchManifests.ServiceNamespace, cancellationToken: cancellationToken);
            trace.MarkCreateReturned();
            created.Add(name);
            try
            {
                await trace.Done.WaitAsync(timeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"no plan for {trace.ServiceKey} within {timeout.TotalSeconds:0} s");
            }

            if (i >= warmup)
            {
                traces.Add(trace);
            }

            await Task.Delay(gap, cancellationToken);
        }

        return traces;
    }

    public static LatencySummary Summarize(IEnumerable<PlanTrace> traces, Segment segment) =>
        new(traces.Select(t => t.Segments()[segment]).Where(ms => !double.IsNaN(ms)));
}
