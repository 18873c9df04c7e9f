using MassTransit;
using MetalLb.Allocator.Bus;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Hosting.Bus;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>The allocator against a real kube-apiserver, publishing over a real RabbitMQ to an announcer's consumer.</summary>
[Collection(RealBroker.Name)]
public sealed class AllocatorToAnnouncerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [RootFact]
    public async Task ServicePlan_ReachesAnnouncerBook_SnapshotMatches_ThenDeleteWithdraws()
    {
        await using var cluster = await AllocatorCluster.StartAsync();
        var broker = new RabbitMqFixture();
        await broker.InitializeAsync();
        var hosts = new List<IHost>();
        try
        {
            Assert.Null(broker.SkipReason);
            var node = new AnnouncerNode("node-a");
            var announcer = BusHosts.Announcer(broker, node);
            hosts.Add(announcer);
            await announcer.StartAsync();
            var allocator = BusHosts.Allocator(broker, cluster.Client, "replica-1");
            hosts.Add(allocator);
            await allocator.StartAsync();
            Assert.IsType<BusPlanPublisher>(allocator.Services.GetRequiredService<IPlanPublisher>());

            await cluster.ApplyAsync(AllocatorYaml.Pool("blue", "192.0.2.10-192.0.2.20"));
            await cluster.ApplyAsync(AllocatorYaml.Node("node-a"));
            await cluster.ApplyAsync(AllocatorYaml.Service("web"));
            await cluster.ApplyAsync(AllocatorYaml.EndpointSlice("web", "node-a"));

            await node.WaitUntilAsync(b => b.Find("default/web") is { Ips.Count: > 0, L2Candidates.Count: > 0 }, Timeout, "an L2 plan for default/web");
            await AllocatorCluster.Until(async () => (await cluster.IngressAsync("web")).Count > 0, "web gets an IP in its status");
            var ingress = await cluster.IngressAsync("web");
            await node.WaitUntilAsync(b => b.Find("default/web")?.Ips.SequenceEqual(ingress) == true, Timeout, $"the plan to carry {string.Join(",", ingress)}");
            using var requestTimeout = new CancellationTokenSource(Timeout);
            var snapshot = await AnnouncementSnapshots.RequestAsync(announcer.Services.GetRequiredService<IBus>(), node.Name, requestTimeout.Token);
            await node.WaitUntilAsync(b => !b.NeedsResync(snapshot.Digest), Timeout, $"the book to match snapshot digest {snapshot.Digest}");
            Assert.Equal(node.Book.Digest(), snapshot.Digest);
            Assert.Contains(snapshot.Plans, p => p.ServiceKey == "default/web" && p.Ips.SequenceEqual(ingress));

            await cluster.KubectlAsync("delete", "service", "web", "-n", "default");

            await node.WaitUntilAsync(b => b.Find("default/web") is null, Timeout, "default/web to be withdrawn");
            Assert.Equal(0, node.Book.Count);
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts))
            {
                await host.StopAsync();
                host.Dispose();
            }

            await broker.DisposeAsync();
        }
    }
}
