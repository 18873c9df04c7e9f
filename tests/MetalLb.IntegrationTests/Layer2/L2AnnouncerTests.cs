using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Layer2;

/// <summary>The real announcer on real veth networks: ARP and NDP answers, failover, hand-over, link loss, conflicts.</summary>
public sealed class L2AnnouncerTests(L2Cluster cluster) : IClassFixture<L2Cluster>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => cluster.StopAnnouncersAsync();

    [RootFact]
    public async Task ElectedNode_AnswersArpAndNdpWithItsMac_OthersStaySilent()
    {
        var (n1, n2, n3) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await cluster.StartAnnouncersAsync(n1, n2, n3);

        await cluster.PublishPlanAsync(n2, n1, n3);

        var macs = await L2Cluster.UntilAsync(() => cluster.ArpingAsync(), m => m.Count > 0, "an ARP reply for 198.51.100.200");
        Assert.Equal([n2.Mac], macs);
        Assert.Equal([n2.Mac], await cluster.ArpingAsync(count: 3));
        Assert.Equal(n2.Mac, await L2Cluster.UntilAsync(cluster.NdiscAsync, m => m is not null, "an NA for 2001:db8::200"));
    }
}
