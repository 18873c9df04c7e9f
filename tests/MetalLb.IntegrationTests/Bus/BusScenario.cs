using System.Text.Json;
using MetalLb.Allocator.Bus;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Contracts;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>
/// A real kube-apiserver and a real RabbitMQ with allocator and announcer hosts on them; disposing stops every host
/// still running, then the broker and the API server together.
/// </summary>
public sealed class BusScenario : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly List<IHost> _hosts = [];

    private BusScenario(AllocatorCluster cluster, RabbitMqFixture broker)
    {
        Cluster = cluster;
        Broker = broker;
    }

    public AllocatorCluster Cluster { get; }

    public RabbitMqFixture Broker { get; }

    public IHost? Allocator { get; private set; }

    /// <summary>The allocator's published state: what every announcer's book should end up as.</summary>
    public PlanLedger Ledger => Allocator?.Services.GetRequiredService<PlanLedger>() ?? throw new InvalidOperationException("no allocator");

    /// <summary>Starts the API server (with a pool and an L2Advertisement) and the broker side by side.</summary>
    public static async Task<BusScenario> StartAsync()
    {
        var broker = new RabbitMqFixture();
        var brokerStarted = broker.InitializeAsync();
        AllocatorCluster? cluster = null;
        try
        {
            cluster = await AllocatorCluster.StartAsync();
            await brokerStarted;
            Assert.Null(broker.SkipReason);
            await cluster.ApplyAsync(AllocatorYaml.Pool("blue", "192.0.2.10-192.0.2.40"));
            return new BusScenario(cluster, broker);
        }
        catch
        {
            // Waits for the broker's start without rethrowing its failure: the API server's is the one to report.
            await Task.WhenAny(brokerStarted);
            await broker.DisposeAsync();
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Starts a host built elsewhere and stops it with the scenario.</summary>
    public async Task<IHost> StartAsync(IHost host)
    {
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    public async Task<IHost> StartAnnouncerAsync(AnnouncerNode node)
    {
        var host = BusHosts.Announcer(Broker, node);
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    public async Task<IHost> StartAllocatorAsync(TimeSpan? digestInterval = null, Action<HostApplicationBuilder>? configure = null)
    {
        var host = BusHosts.Allocator(Broker, Cluster.Client, "replica-1", digestInterval, configure);
        _hosts.Add(host);
        await host.StartAsync();
        Allocator = host;
        return host;
    }

    public async Task StopAsync(IHost host)
    {
        _hosts.Remove(host);
        await host.StopAsync();
        host.Dispose();
    }

    /// <summary>A LoadBalancer Service with one ready endpoint on <paramref name="node"/>, so it gets an L2 plan.</summary>
    public async Task AddServiceAsync(string name, string node)
    {
        await Cluster.ApplyAsync(AllocatorYaml.Service(name));
        await Cluster.ApplyAsync(AllocatorYaml.EndpointSlice(name, node));
    }

    public Task DeleteServiceAsync(string name) => Cluster.KubectlAsync("delete", "service", name, "-n", "default");

    /// <summary>
    /// Waits until the ledger holds a plan, with the IPs of the Service's status, for exactly these Services: then
    /// the allocator has seen every change the test made.
    /// </summary>
    public async Task LedgerHoldsExactlyAsync(params string[] services)
    {
        var expected = services.Select(s => $"default/{s}").Order(StringComparer.Ordinal).ToArray();
        var deadline = DateTime.UtcNow + Timeout;
        while (!await LedgerHoldsAsync(expected))
        {
            if (DateTime.UtcNow > deadline)
            {
                var worker = Allocator!.Services.GetRequiredService<AllocatorWorker>();
                throw new TimeoutException(
                    $"timed out waiting for the ledger to hold plans for exactly {string.Join(", ", expected)}; it holds "
                    + $"{string.Join(", ", Ledger.Plans.Select(p => $"{p.ServiceKey} [{string.Join(",", p.Ips)}]"))} after {worker.Passes} passes");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the node's book has the ledger's digest, then checks every plan matches field by field.</summary>
    public async Task BookMatchesLedgerAsync(AnnouncerNode node, TimeSpan? timeout = null)
    {
        var ledger = Ledger;
        await node.WaitUntilAsync(b => b.Digest() == ledger.Digest(), timeout ?? Timeout, "the book to match the ledger's digest");

        Assert.Equal(Json(ledger.Plans), Json(node.Book.Plans));
    }

    private async Task<bool> LedgerHoldsAsync(string[] expected)
    {
        var plans = Ledger.Plans;
        if (!plans.Select(p => p.ServiceKey).SequenceEqual(expected))
        {
            return false;
        }

        foreach (var plan in plans)
        {
            var ingress = await Cluster.IngressAsync(plan.ServiceKey["default/".Length..]);
            if (ingress.Count == 0 || !plan.Ips.SequenceEqual(ingress) || plan.L2Candidates.Count == 0)
            {
                return false;
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var host in Enumerable.Reverse(_hosts))
            {
                try
                {
                    await host.StopAsync();
                }
                finally
                {
                    host.Dispose();
                }
            }
        }
        finally
        {
            _hosts.Clear();
            await Task.WhenAll(Broker.DisposeAsync(), Cluster.DisposeAsync().AsTask());
        }
    }

    private static string Json(IReadOnlyList<AnnouncementPlan> plans) => JsonSerializer.Serialize(plans);
}
