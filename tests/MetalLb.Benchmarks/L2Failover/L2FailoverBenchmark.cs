using System.Globalization;
using MetalLb.Benchmarks.Cluster;
using MetalLb.TestSupport.Network;

namespace MetalLb.Benchmarks.L2Failover;

/// <summary>
/// <c>l2-failover</c> (issue 6): the real announcer in network namespaces (three nodes, a client, RabbitMQ on the
/// bridge). Measures on the client's wire (tcpdump, kernel timestamps): (1) ARP/NDP reply latency of our responder
/// against the kernel answering for its own address on the same node; (2) SIGKILL, (3) SIGTERM and link-down failover
/// to the first gratuitous ARP / unsolicited NA and first probe reply of the new node; (4) one announcer's memory and
/// CPU holding many IPv6 addresses.
/// </summary>
internal static class L2FailoverBenchmark
{
    public const string Mode = "l2-failover";
    private const string Filter = "arp or (icmp6 and (ip6[40] = 135 or ip6[40] = 136))";
    private static readonly string Claimed = $"Announcing {L2BenchCluster.Ipv4} ";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = L2FailoverOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            await Console.Error.WriteLineAsync($"{Mode} needs root (network namespaces)");
            return 2;
        }

        return await ModeRunner.RunAsync(Mode, options.OutFile, token => MeasureAsync(options, token));
    }

    private static async Task<string> MeasureAsync(L2FailoverOptions options, CancellationToken cancellationToken)
    {
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        ModeRunner.Log(Mode, "building namespaces and starting RabbitMQ in the lan namespace");
        await using var cluster = await L2BenchCluster.StartAsync(m => ModeRunner.Log(Mode, m), cancellationToken);
        cluster.LogDirectory = options.LogDirectory;
        var (n1, n2, n3) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        foreach (var node in cluster.Nodes)
        {
            await cluster.StartAnnouncerAsync(node);
        }

        await cluster.PublishPlanAsync(L2BenchCluster.WebService, [L2BenchCluster.Ipv4, L2BenchCluster.Ipv6], n1, n2);
        await cluster.WaitForMoreAsync(n1, Claimed, 0);
        await Task.Delay(Settle, cancellationToken);

        ModeRunner.Log(Mode, $"responder vs kernel: {options.Probes} requests per target");
        var latency = await MeasureLatencyAsync(cluster, options, cancellationToken);
        foreach (var l in latency)
        {
            ModeRunner.Log(Mode, $"{l.Target} ({l.Answerer}): {l.Answered}/{l.Requests} answered, p50 {l.Milliseconds.P50:0.000} ms, p99 {l.Milliseconds.P99:0.000} ms");
        }

        var runs = new List<FailoverRun>();
        string? drops;
        await using (var capture = await WireCapture.StartAsync(cluster.Client.Namespace, "eth0", Filter))
        await using (var probe = await ProbeProcess.StartAsync(cluster.Client, options.ProbeInterval, 0, L2BenchCluster.Ipv4))
        {
            var marks = new List<(FailoverKind Kind, int Index, long Start, long Restore, long End)>();
            foreach (var (kind, count) in new[] { (FailoverKind.Kill, options.Kills), (FailoverKind.Terminate, options.Terms), (FailoverKind.LinkDown, options.LinkDowns) })
            {
                for (var i = 0; i < count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    marks.Add(await FailOverAsync(cluster, kind, i, cancellationToken));
                    ModeRunner.Log(Mode, $"{kind} {i + 1}/{count} done");
                }
            }

            await probe.DisposeAsync();
            var frames = (await capture.StopAsync()).Select(WireFrame.Decode).Where(f => f.Kind != WireKind.Other).ToArray();
            drops = capture.Messages.FirstOrDefault(m => m.Contains("dropped by kernel", StringComparison.Ordinal));
            foreach (var (kind, index, start, restore, end) in marks)
            {
                var run = FailoverRun.Analyse(kind, index, frames, start, restore, end, n1.Mac, n2.Mac, cluster.Client.Ipv4);
                runs.Add(run);
                ModeRunner.Log(Mode, $"{kind} #{index}: GARP {run.GratuitousArpMs:0.0} ms, NA {run.UnsolicitedNaMs:0.0} ms, reply {run.FirstReplyMs:0.0} ms, back-gap {run.ReturnGapMs:0.0} ms");
            }
        }

        ScaleResult? scale = null;
        if (options.Services > 0)
        {
            await cluster.StopAnnouncersAsync();
            scale = await MeasureScaleAsync(cluster, n3, options, cancellationToken);
        }

        var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        return L2FailoverReport.Format(options, latency, runs, scale, load, loadAfter, drops);
    }

    private static async Task<IReadOnlyList<ResponderLatency>> MeasureLatencyAsync(L2BenchCluster cluster, L2FailoverOptions options, CancellationToken cancellationToken)
    {
        var n1 = cluster.Nodes[0];
        string[] targets = [L2BenchCluster.Ipv4, n1.Ipv4, L2BenchCluster.Ipv6, n1.Ipv6];
        IReadOnlyList<CapturedFrame> captured;
        await using (var capture = await WireCapture.StartAsync(cluster.Client.Namespace, "eth0", Filter))
        {
            await using (var probe = await ProbeProcess.StartAsync(cluster.Client, TimeSpan.FromMilliseconds(5), options.Probes * targets.Length, targets))
            {
                await probe.WaitAsync(TimeSpan.FromMinutes(5));
            }

            await Task.Delay(200, cancellationToken);
            captured = await capture.StopAsync();
        }

        var frames = captured.Select(WireFrame.Decode).ToArray();
        var c = cluster.Client;
        return
        [
            ResponderLatency.Measure(frames, targets[0], "announcer (pcap)", c.Mac, c.Ipv4, c.Ipv6),
            ResponderLatency.Measure(frames, targets[1], "kernel", c.Mac, c.Ipv4, c.Ipv6),
            ResponderLatency.Measure(frames, targets[2], "announcer (pcap)", c.Mac, c.Ipv4, c.Ipv6),
            ResponderLatency.Measure(frames, targets[3], "kernel", c.Mac, c.Ipv4, c.Ipv6),
        ];
    }

    /// <summary>
    /// Takes node-1 (the plan's first choice) away, waits for node-2 to claim, brings node-1 back and waits for it to
    /// claim again and the gratuitous repeats to pass.
    /// </summary>
    private static async Task<(FailoverKind, int, long, long, long)> FailOverAsync(L2BenchCluster cluster, FailoverKind kind, int index, CancellationToken cancellationToken)
    {
        var (n1, n2) = (cluster.Nodes[0], cluster.Nodes[1]);
        var taken = cluster.Count(n2, Claimed);
        var winner = cluster.Announcer(n1);
        var start = Clock.UnixNanoseconds();
        switch (kind)
        {
            case FailoverKind.Kill:
                await winner.KillAsync();
                break;
            case FailoverKind.Terminate:
                await winner.TerminateAsync(L2BenchCluster.Timeout);
                break;
            default:
                await cluster.Network.SetCarrierAsync(n1, up: false);
                break;
        }

        await cluster.WaitForMoreAsync(n2, Claimed, taken);
        await Task.Delay(500, cancellationToken);
        var restore = Clock.UnixNanoseconds();
        if (kind == FailoverKind.LinkDown)
        {
            var before = cluster.Count(n1, Claimed);
            await cluster.Network.SetCarrierAsync(n1, up: true);
            await cluster.WaitForMoreAsync(n1, Claimed, before);
        }
        else
        {
            await winner.DisposeAsync();
            await cluster.StartAnnouncerAsync(n1);
            await cluster.WaitForMoreAsync(n1, Claimed, 0);
        }

        await Task.Delay(Settle, cancellationToken);
        return (kind, index, start, restore, Clock.UnixNanoseconds());
    }

    private static async Task<ScaleResult> MeasureScaleAsync(L2BenchCluster cluster, TestHost node, L2FailoverOptions options, CancellationToken cancellationToken)
    {
        ModeRunner.Log(Mode, $"scale: {options.Services} Services × {options.IpsPerService} IPv6 addresses on {node.Name}");
        cluster.Statuses.Clear();
        var announcer = await cluster.StartAnnouncerAsync(node);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var comm = File.ReadAllText($"/proc/{announcer.Id}/comm").Trim();
        if (comm != "dotnet")
        {
            throw new InvalidOperationException($"pid {announcer.Id} is {comm}, not the announcer's dotnet");
        }

        var fresh = ProcessSample.Read(announcer.Id);
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, options.IdleSeconds)), cancellationToken);
        var before = ProcessSample.Read(announcer.Id);
        var plans = Enumerable.Range(0, options.Services)
            .Select(s => (Key: $"scale/svc-{s:D4}", Ips: Enumerable.Range(s * options.IpsPerService, options.IpsPerService).Select(Address).ToArray()))
            .ToArray();
        string[] samples = [Address(0), Address((options.Services * options.IpsPerService) / 2), Address((options.Services * options.IpsPerService) - 1)];
        await using var capture = await WireCapture.StartAsync(cluster.Client.Namespace, "eth0", "icmp6 and (ip6[40] = 135 or ip6[40] = 136)");
        var start = Clock.UnixNanoseconds();
        foreach (var (key, ips) in plans)
        {
            await cluster.PublishPlanAsync(key, ips, node);
        }

        var published = Clock.UnixNanoseconds();
        var keys = plans.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        long done;
        while (true)
        {
            var announcing = cluster.Statuses.Where(s => s.Status.Announcing && keys.Contains(s.Status.ServiceKey)).ToArray();
            if (announcing.Select(s => s.Status.ServiceKey).Distinct(StringComparer.Ordinal).Count() == keys.Count)
            {
                done = announcing.Max(s => s.Nanos);
                break;
            }

            if (DateTime.UtcNow > deadline || announcer.HasExited)
            {
                throw new TimeoutException($"{node.Name} did not report all {keys.Count} Services announcing; log:\n{string.Join('\n', announcer.Lines.TakeLast(40))}");
            }

            await Task.Delay(20, cancellationToken);
        }

        var claimed = ProcessSample.Read(announcer.Id);
        ModeRunner.Log(Mode, $"scale: all claimed after {Clock.Milliseconds(start, done):0} ms; RSS {claimed.RssMiB:0.0} MiB; waiting for the gratuitous repeats to end");
        await Task.Delay(TimeSpan.FromSeconds(8), cancellationToken);
        await using (var probe = await ProbeProcess.StartAsync(cluster.Client, TimeSpan.FromMilliseconds(20), samples.Length * 3, samples))
        {
            await probe.WaitAsync(TimeSpan.FromMinutes(1));
        }

        await Task.Delay(200, cancellationToken);
        var settled = ProcessSample.Read(announcer.Id);
        ModeRunner.Log(Mode, $"scale: idle for {options.IdleSeconds} s");
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), cancellationToken);
        var idle = ProcessSample.Read(announcer.Id);
        var frames = (await capture.StopAsync()).Select(WireFrame.Decode).ToArray();
        var unsolicited = frames.Where(f => f.Kind == WireKind.NeighborAdvertisement && !f.Solicited && f.SourceMac == node.Mac)
            .Select(f => f.TargetIp).Distinct(StringComparer.Ordinal).Count();
        var answered = frames.Count(f => f.Kind == WireKind.NeighborAdvertisement && f.Solicited && f.SourceMac == node.Mac && samples.Contains(f.TargetIp));
        return new ScaleResult(
            options.Services, options.Services * options.IpsPerService, Clock.Milliseconds(start, published), Clock.Milliseconds(start, done),
            fresh, before, claimed, settled, idle, unsolicited, answered, samples.Length * 3);

        static string Address(int i) => $"2001:db8::1:{i.ToString("x", CultureInfo.InvariantCulture)}";
    }
}
