using MetalLb.Domain.Net;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.Layer2.Codecs;
using MetalLb.TestSupport;
using MetalLb.TestSupport.Metrics;

namespace MetalLb.IntegrationTests.Layer2;

/// <summary>The real announcer on real veth networks: ARP and NDP answers, failover, hand-over, link loss, conflicts.</summary>
public sealed partial class L2AnnouncerTests(L2Cluster cluster) : IClassFixture<L2Cluster>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => cluster.StopAnnouncersAsync();

    [RootFact]
    public async Task ElectedNode_AnswersArpAndNdpWithItsMac_OthersStaySilent()
    {
        var (n1, n2, n3) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var announcers = await cluster.StartAnnouncersAsync(n1, n2, n3);

        await cluster.PublishPlanAsync(n2, n1, n3);

        var macs = await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.Count > 0, "an ARP reply for 198.51.100.200");
        Assert.Equal([n2.Mac], macs);
        Assert.Equal([n2.Mac], await cluster.ArpingAsync(count: 3));
        Assert.Equal(n2.Mac, await L2Cluster.UntilAsync(cluster.NdiscAsync, m => m is not null, "an NA for 2001:db8::200"));
        var metrics = (await announcers[1].GetAsync("/metrics")).StandardOutput;
        Assert.Matches("metallb_layer2_requests_received\\{[^}]*ip=\"198\\.51\\.100\\.200\"[^}]*\\} [1-9]", metrics);
        Assert.Matches("metallb_layer2_responses_sent\\{[^}]*ip=\"2001:db8::200\"[^}]*\\} [1-9]", metrics);
        Assert.Matches("metallb_layer2_gratuitous_sent\\{[^}]*ip=\"198\\.51\\.100\\.200\"[^}]*\\} [1-9]", metrics);
        Assert.Matches("metallb_speaker_announced\\{[^}]*ip=\"198\\.51\\.100\\.200\"[^}]*node=\"node-2\"[^}]*protocol=\"layer2\"[^}]*\\} 1", metrics);
        Assert.DoesNotContain("metallb_speaker_announced", (await announcers[0].GetAsync("/metrics")).StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith("200", (await announcers[1].GetAsync("/readyz")).StandardOutput, StringComparison.Ordinal);
        Assert.Contains("ff02::1:ff00:200", await MulticastGroupsAsync(n2), StringComparison.Ordinal);
        Assert.DoesNotContain("ff02::1:ff00:200", await MulticastGroupsAsync(n1), StringComparison.Ordinal);
    }

    [RootFact]
    public async Task KillingTheWinner_MovesTheIp_AndTheClientsNeighbourEntryFollowsTheGratuitousArp()
    {
        var (n1, n2) = (cluster.Nodes[0], cluster.Nodes[1]);
        var announcers = await cluster.StartAnnouncersAsync(n1, n2);
        await cluster.PublishPlanAsync(n1, n2);
        await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.SequenceEqual([n1.Mac]), "node-1 to answer");
        Assert.Equal(n1.Mac, await cluster.NeighbourAsync());

        await announcers[0].KillAsync();

        await L2Cluster.UntilAsync(cluster.NeighbourAsync, m => m == n2.Mac, "the client's neighbour entry to follow node-2's gratuitous ARP");
        Assert.Equal([n2.Mac], await cluster.ArpingAsync(count: 2));
        Assert.Equal(n2.Mac, await L2Cluster.UntilAsync(cluster.NdiscAsync, m => m is not null, "an NA from node-2"));
        var metrics = await L2Cluster.UntilAsync(
            () => ScrapeAsync(announcers[1]),
            m => m.Value("metallb_svc_layer2_failovers_total", ("node", n2.Name)) >= 2,
            "node-2 to count its takeover of both IPs");
        Assert.Equal(2, metrics.Value("metallb_svc_layer2_failovers_total", ("node", n2.Name)));
        Assert.True(metrics.Value("metallb_svc_layer2_election_changes_total", ("node", n2.Name)) >= 2);
        Assert.True(metrics.Value("metallb_svc_bus_plan_age_seconds_count", ("node", n2.Name)) >= 1);
        Assert.Equal(
            metrics.Value("metallb_svc_bus_plan_age_seconds_count", ("node", n2.Name)),
            metrics.Value("metallb_svc_bus_plan_age_seconds_bucket", ("node", n2.Name), ("le", "+Inf")));
        Metrics.LiveMetrics.AssertMatchesContract(
            metrics,
            "metallb_speaker_announced", "metallb_layer2_requests_received", "metallb_layer2_responses_sent", "metallb_layer2_gratuitous_sent",
            "metallb_layer2_malformed_total", "metallb_svc_layer2_failovers_total", "metallb_svc_layer2_election_changes_total",
            "metallb_svc_bus_plan_age_seconds");
    }

    [RootFact]
    public async Task SigTerm_SaysGoodbye_AndTheNextNodeTakesOver()
    {
        var (n1, n2) = (cluster.Nodes[0], cluster.Nodes[1]);
        var announcers = await cluster.StartAnnouncersAsync(n1, n2);
        await cluster.PublishPlanAsync(n1, n2);
        await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.SequenceEqual([n1.Mac]), "node-1 to answer");

        await announcers[0].TerminateAsync(L2Cluster.Timeout);

        var lines = announcers[0].Lines;
        var released = lines.ToList().FindIndex(l => l.Contains("No longer announcing 198.51.100.200", StringComparison.Ordinal));
        var goodbye = lines.ToList().FindIndex(l => l.Contains("said goodbye", StringComparison.Ordinal));
        Assert.True(released >= 0 && goodbye > released, $"node-1 must stop answering before it says goodbye:\n{string.Join('\n', lines)}");
        await announcers[1].WaitForLineAsync("Announcing 198.51.100.200", L2Cluster.Timeout);
        Assert.Equal([n2.Mac], await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.Count > 0, "node-2 to answer"));
        Assert.DoesNotContain(announcers[1].Lines, l => l.Contains("is claimed by another station too", StringComparison.Ordinal));
    }

    [RootFact]
    public async Task LinkDown_OnTheWinner_MovesTheIp_ThoughItsProcessAndHeartbeatAreFine()
    {
        var (n1, n2) = (cluster.Nodes[0], cluster.Nodes[1]);
        var announcers = await cluster.StartAnnouncersAsync(n1, n2);
        await cluster.PublishPlanAsync(n1, n2);
        await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.SequenceEqual([n1.Mac]), "node-1 to answer");

        await cluster.Network.SetCarrierAsync(n1, up: false);
        try
        {
            await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.SequenceEqual([n2.Mac]), "node-2 to answer once node-1's link is down");
            Assert.False(announcers[0].HasExited);
            await announcers[0].WaitForLineAsync("No longer answering on eth0", L2Cluster.Timeout);
        }
        finally
        {
            await cluster.Network.SetCarrierAsync(n1, up: true);
        }

        await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.SequenceEqual([n1.Mac]), "node-1 to take the IP back when its link returns");
    }

    [RootFact]
    public async Task AnotherStationAnsweringForTheIp_IsReportedWithItsMac()
    {
        var n1 = cluster.Nodes[0];
        var announcer = (await cluster.StartAnnouncersAsync(n1))[0];
        await cluster.PublishPlanAsync(n1);
        await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.SequenceEqual([n1.Mac]), "node-1 to answer");

        await TestSupport.Network.TestNetwork.ExecAsync(cluster.Client.Namespace, "ip", "addr", "add", $"{L2Cluster.Ipv4}/32", "dev", "eth0");
        try
        {
            await TestSupport.Network.TestNetwork.ExecAsync(cluster.Client.Namespace, false, "arping", "-U", "-c", "1", "-I", "eth0", L2Cluster.Ipv4);

            await announcer.WaitForLineAsync("is claimed by another station too", L2Cluster.Timeout);
            var conflict = await cluster.WaitForConflictAsync(L2Cluster.Ipv4);
            Assert.Equal((cluster.Client.Mac, "node-1", "gratuitous ARP"), (conflict.ForeignMac, conflict.Node, conflict.Evidence));
        }
        finally
        {
            await TestSupport.Network.TestNetwork.ExecAsync(cluster.Client.Namespace, "ip", "addr", "del", $"{L2Cluster.Ipv4}/32", "dev", "eth0");
        }
    }

    [RootFact]
    public async Task BrokerStopped_ChangesNothingThatIsAnnounced()
    {
        var (n1, n2) = (cluster.Nodes[0], cluster.Nodes[1]);
        var announcers = await cluster.StartAnnouncersAsync(n1, n2);
        await cluster.PublishPlanAsync(n1, n2);
        await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.SequenceEqual([n1.Mac]), "node-1 to answer");

        await cluster.Broker.StopAsync();
        try
        {
            await announcers[1].WaitForLineAsync("keeping the current view", L2Cluster.Timeout);

            Assert.Equal([n1.Mac], await cluster.ArpingAsync(count: 3));
            Assert.Equal(n1.Mac, await cluster.NdiscAsync());
            Assert.False(
                announcers[1].Lines.Any(l => l.Contains("Announcing 198.51.100.200", StringComparison.Ordinal)),
                $"node-2 announced:\n{string.Join('\n', announcers[1].Lines)}");
        }
        finally
        {
            await cluster.Broker.StartAsync();
        }
    }

    [RootFact]
    public async Task FloodOfRequests_MalformedFrames_AndRequestsForOtherIps_AreCountedAndIgnored_TheNodeKeepsAnswering()
    {
        var n1 = cluster.Nodes[0];
        var announcer = (await cluster.StartAnnouncersAsync(n1))[0];
        await cluster.PublishPlanAsync(n1);
        await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.SequenceEqual([n1.Mac]), "node-1 to answer");
        var asker = MacAddress.Parse("02:00:00:00:00:77");
        var request = new byte[ArpCodec.FrameLength];
        ArpCodec.Write(request, MacAddress.Broadcast, ArpOperation.Request, asker, IpAddress.Parse("198.51.100.77"), MacAddress.Zero, IpAddress.Parse(L2Cluster.Ipv4));
        var other = new byte[ArpCodec.FrameLength];
        ArpCodec.Write(other, MacAddress.Broadcast, ArpOperation.Request, asker, IpAddress.Parse("198.51.100.77"), MacAddress.Zero, IpAddress.Parse("198.51.100.201"));
        var badOpcode = (byte[])request.Clone();
        badOpcode[21] = 9;
        var truncated = request[..30];
        var frames = Enumerable.Range(0, 5000).SelectMany(_ => new[] { request, other, badOpcode, truncated }).ToArray();

        cluster.Inject(frames);

        var metrics = await L2Cluster.UntilAsync(
            async () => (await announcer.GetAsync("/metrics")).StandardOutput,
            m => Counter(m, "metallb_layer2_requests_received", L2Cluster.Ipv4) >= 5000 && Counter(m, "metallb_layer2_malformed_total", null) >= 10_000,
            "the flood to be counted");
        Assert.DoesNotContain("198.51.100.201", metrics, StringComparison.Ordinal);
        Assert.False(announcer.HasExited);
        Assert.Equal([n1.Mac], await cluster.ArpingAsync(count: 2));
    }

    [RootFact]
    public async Task WholeChain_ServiceAppliedWithKubectl_GetsAnIp_TheElectedAnnouncerAnswers_ServiceL2StatusSaysWhich_ConflictsBecomeEvents()
    {
        await using var api = await AllocatorCluster.StartAsync();
        var (n1, n2, n3) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await cluster.StartAnnouncersAsync(n1, n2, n3);
        using var allocator = await cluster.StartAllocatorAsync(api);
        try
        {
            await api.ApplyAsync(AllocatorYaml.Pool("lan", "198.51.100.200-198.51.100.210"));
            foreach (var node in cluster.Nodes)
            {
                await api.ApplyAsync(AllocatorYaml.Node(node.Name));
            }

            await api.ApplyAsync(AllocatorYaml.Service("web"));
            await api.ApplyAsync(AllocatorYaml.EndpointSlice("web", n1.Name));

            await AllocatorCluster.Until(async () => (await api.IngressAsync("web")).SequenceEqual([L2Cluster.Ipv4]), "web to get 198.51.100.200");
            string? elected = null;
            await AllocatorCluster.Until(
                async () =>
                {
                    var items = (await api.GetJsonAsync("get", "servicel2statuses", "-n", AllocatorCluster.MetalLbNamespace))["items"]!.AsArray();
                    elected = items.Count == 1 ? items[0]!["status"]?["node"]?.GetValue<string>() : null;
                    return elected is not null;
                },
                "one ServiceL2Status naming the announcing node");
            var mac = cluster.Nodes.Single(n => n.Name == elected).Mac;
            Assert.Equal([mac], await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.Count > 0, "the elected node to answer"));

            var foreign = MacAddress.Parse("02:00:00:00:00:66");
            var gratuitous = new byte[ArpCodec.FrameLength];
            ArpCodec.WriteGratuitous(gratuitous, ArpOperation.Reply, foreign, IpAddress.Parse(L2Cluster.Ipv4));
            cluster.Inject([gratuitous]);
            await AllocatorCluster.Until(
                async () => (await api.KubectlAsync("get", "events", "-n", "default", "--field-selector", "involvedObject.name=web,reason=AddressConflict", "-o", "jsonpath={.items[*].message}"))
                    .Contains(foreign.ToString(), StringComparison.Ordinal),
                "a Warning Event AddressConflict on web naming 02:00:00:00:00:66");

            await api.KubectlAsync("delete", "service", "web", "-n", "default");

            await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.Count == 0, "nobody to answer once web is deleted");
            await AllocatorCluster.Until(
                async () => (await api.GetJsonAsync("get", "servicel2statuses", "-n", AllocatorCluster.MetalLbNamespace))["items"]!.AsArray().Count == 0,
                "the ServiceL2Status to go with the Service");
        }
        finally
        {
            await allocator.StopAsync();
        }
    }

    /// <summary>The announcer's <c>/metrics</c>, parsed (curl's last line is the HTTP status).</summary>
    private static async Task<PrometheusText> ScrapeAsync(TestSupport.Network.AnnouncerProcess announcer)
    {
        var output = (await announcer.GetAsync("/metrics")).StandardOutput.TrimEnd();
        return PrometheusText.Parse(output[..Math.Max(0, output.LastIndexOf('\n'))]);
    }

    private static async Task<string> MulticastGroupsAsync(TestSupport.Network.TestHost host) =>
        (await TestSupport.Network.TestNetwork.ExecAsync(host.Namespace, "ip", "-6", "maddr", "show", "dev", "eth0")).StandardOutput;

    private static long Counter(string metrics, string name, string? ip)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)
            && (ip is null || l.Contains($"ip=\"{ip}\"", StringComparison.Ordinal)));
        if (line is null)
        {
            return 0;
        }

        var value = line[(line.Contains('}', StringComparison.Ordinal) ? line.LastIndexOf('}') + 1 : name.Length)..].Trim().Split(' ')[0];
        return (long)double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
