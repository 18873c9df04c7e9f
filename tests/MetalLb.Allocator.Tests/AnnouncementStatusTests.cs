using System.Diagnostics.Metrics;
using MassTransit;
using MetalLb.Allocator.Adapters;
using MetalLb.Allocator.Bus;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Allocator.Tests.Fakes;
using MetalLb.Contracts;
using MetalLb.TestSupport.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.Allocator.Tests;

public sealed class AnnouncementStatusTests
{
    private static AnnouncementStatus L2(long generation, bool announcing = true, string node = "node-a", params string[] interfaces) =>
        new(node, "default/web", generation, "l2", announcing, interfaces, [], announcing ? null : "not elected: node-b announces");

    [Fact]
    public void Book_TakesNewer_RefusesOlderAndRepeats_TakesAChangeAtTheSameGeneration()
    {
        var book = new AnnouncementStatusBook();

        Assert.True(book.Accept(L2(2)));
        Assert.False(book.Accept(L2(1, announcing: false)));
        Assert.False(book.Accept(L2(2)));
        Assert.True(book.Accept(L2(2, announcing: false)));
        Assert.True(book.Accept(L2(2, node: "node-b")));

        Assert.Equal(2, book.All.Count);
        Assert.True(book.Has(L2(2, announcing: false)));
        Assert.False(book.Has(L2(2)));
    }

    [Fact]
    public void Book_Forget_LetsTheSameReportInAgain()
    {
        var book = new AnnouncementStatusBook();
        book.Accept(L2(3));

        book.Forget(L2(3));

        Assert.True(book.Accept(L2(3)));
    }

    [Fact]
    public async Task Consumer_LeaderWritesEachReportOnce_FollowerWritesNothing_FailedWriteIsRetried()
    {
        var writer = new RecordingStatusWriter { FailNext = 1 };
        var leadership = new FakeLeadership();
        await using var host = await StatusHost.StartAsync(writer, leadership);

        leadership.IsLeader = false;
        await host.PublishAndWaitAsync(L2(1));
        leadership.IsLeader = true;
        await host.PublishAndWaitAsync(L2(2, interfaces: "eth0"));
        await host.PublishAndWaitAsync(L2(2, interfaces: "eth0"));
        await host.PublishAndWaitAsync(L2(1, announcing: false));

        Assert.Equal([2L], writer.Written.Select(s => s.Generation));
        Assert.Equal(["eth0"], writer.Written[0].Interfaces);
        Assert.Equal(2, writer.Attempts);
    }

    [Fact]
    public void ObjectName_IsStablePerServiceAndNode_AndAValidName()
    {
        var a = KubernetesAnnouncementStatusWriter.ObjectName("l2", "default/web", "node-a");

        Assert.Equal(a, KubernetesAnnouncementStatusWriter.ObjectName("l2", "default/web", "node-a"));
        Assert.NotEqual(a, KubernetesAnnouncementStatusWriter.ObjectName("l2", "default/web", "node-b"));
        Assert.Matches("^l2-[0-9a-f]{20}$", a);
    }

    [Fact]
    public void StatusPatch_L2HasInterfaces_BgpHasPeers()
    {
        var l2 = KubernetesAnnouncementStatusWriter.StatusPatch(L2(1, interfaces: "eth0"), "web", "default");
        var bgp = KubernetesAnnouncementStatusWriter.StatusPatch(
            new AnnouncementStatus("node-a", "default/web", 1, "bgp", true, [], ["upstream"], null), "web", "default");

        Assert.Equal("""{"status":{"node":"node-a","serviceName":"web","serviceNamespace":"default","interfaces":[{"name":"eth0"}]}}""", l2.ToJsonString());
        Assert.Equal("""{"status":{"node":"node-a","serviceName":"web","serviceNamespace":"default","peers":["upstream"]}}""", bgp.ToJsonString());
    }

    [Fact]
    public async Task Metrics_InvalidUnionAfterAValidOne_ReportsLoadedAndStale()
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var h = new ReconcilerHarness();
        _ = new AllocatorMetrics(h.Reconciler, new FakeLeadership(), services.GetRequiredService<IMeterFactory>());
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        await h.PassAsync();
        var before = Gauges(services);

        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20") + "\n---\n" + Yaml.Pool("red", "192.0.2.15-192.0.2.30"));
        await h.PassAsync();
        var after = Gauges(services);

        Assert.Equal((1, 0), (before[AllocatorMetrics.ConfigLoaded], before[AllocatorMetrics.ConfigStale]));
        Assert.Equal((1, 1), (after[AllocatorMetrics.ConfigLoaded], after[AllocatorMetrics.ConfigStale]));
    }

    private static Dictionary<string, int> Gauges(IServiceProvider services) =>
        MeterReadings.Observe(services.GetRequiredService<IMeterFactory>(), AllocatorTelemetry.SourceName)
            .Where(v => v.Key.Label.Length == 0).ToDictionary(v => v.Key.Name, v => (int)v.Value, StringComparer.Ordinal);

    /// <summary>The status consumer on an in-memory bus, with a way to know a message has been consumed.</summary>
    private sealed class StatusHost : IAsyncDisposable
    {
        private readonly IHost _host;

        private StatusHost(IHost host) => _host = host;

        public static async Task<StatusHost> StartAsync(IAnnouncementStatusWriter writer, ILeadership leadership)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddSingleton(writer);
            builder.Services.AddSingleton(leadership);
            builder.Services.AddSingleton<AnnouncementStatusBook>();
            builder.Services.AddMassTransitTestHarness(x => x.AddConsumer<AnnouncementStatusConsumer>());
            var host = new StatusHost(builder.Build());
            await host._host.StartAsync();
            return host;
        }

        public async Task PublishAndWaitAsync(AnnouncementStatus status)
        {
            var harness = _host.Services.GetRequiredService<MassTransit.Testing.ITestHarness>();
            var id = NewId.NextGuid();
            await harness.Bus.Publish(status, c => c.MessageId = id);
            var consumer = harness.GetConsumerHarness<AnnouncementStatusConsumer>();
            Assert.True(await consumer.Consumed.Any<AnnouncementStatus>(m => m.Context.MessageId == id));
        }

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    private sealed class RecordingStatusWriter : IAnnouncementStatusWriter
    {
        public List<AnnouncementStatus> Written { get; } = [];

        public int FailNext { get; set; }

        public int Attempts { get; private set; }

        public Task WriteAsync(AnnouncementStatus status, CancellationToken cancellationToken)
        {
            Attempts++;
            if (FailNext-- > 0)
            {
                throw new InvalidOperationException("the API server is restarting");
            }

            Written.Add(status);
            return Task.CompletedTask;
        }
    }
}
