using MassTransit;
using MassTransit.Testing;
using MetalLb.Allocator.Bus;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Allocator.Tests.Fakes;
using MetalLb.Contracts;
using MetalLb.Domain.Config;
using Microsoft.Extensions.DependencyInjection;

namespace MetalLb.Allocator.Tests;

public sealed class AddressConflictTests
{
    [Fact]
    public async Task Conflict_IsAWarningEventOnEveryServiceHoldingTheIp_NamingTheForeignMac()
    {
        var cluster = new FakeCluster();
        cluster.Apply(Yaml.Service("dns-tcp", "10.96.0.1", ingress: "192.0.2.53"));
        cluster.Apply(Yaml.Service("dns-udp", "10.96.0.2", ingress: "192.0.2.53"));
        cluster.Apply(Yaml.Service("web", "10.96.0.3", ingress: "192.0.2.80"));
        var events = new RecordingEventRecorder();
        await using var provider = Provider(cluster, events, new FakeLeadership());
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new AddressConflictDetected("node-1", "192.0.2.53", "02:00:00:00:00:99", "eth0", "gratuitous ARP"));

        Assert.True(await harness.GetConsumerHarness<AddressConflictConsumer>().Consumed.Any<AddressConflictDetected>());
        Assert.Equal(["default/dns-tcp", "default/dns-udp"], events.Events.Select(e => e.Service).Order());
        Assert.All(events.Events, e => Assert.Equal(AddressConflictConsumer.Reason, e.Event.Reason));
        Assert.Contains("02:00:00:00:00:99", events.Events[0].Event.Message, StringComparison.Ordinal);
        Assert.Contains("node \"node-1\"", events.Events[0].Event.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conflict_OnAFollower_WritesNothing()
    {
        var cluster = new FakeCluster();
        cluster.Apply(Yaml.Service("web", "10.96.0.3", ingress: "192.0.2.80"));
        var events = new RecordingEventRecorder();
        await using var provider = Provider(cluster, events, new FakeLeadership { IsLeader = false });
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new AddressConflictDetected("node-1", "192.0.2.80", "02:00:00:00:00:99", "eth0", "ARP reply"));

        Assert.True(await harness.GetConsumerHarness<AddressConflictConsumer>().Consumed.Any<AddressConflictDetected>());
        Assert.Empty(events.Events);
    }

    private static ServiceProvider Provider(FakeCluster cluster, RecordingEventRecorder events, FakeLeadership leadership) =>
        new ServiceCollection()
            .AddSingleton<IClusterSnapshot>(new FakeSnapshot(cluster))
            .AddSingleton<IServiceEventRecorder>(events)
            .AddSingleton<ILeadership>(leadership)
            .AddMassTransitTestHarness(x => x.AddConsumer<AddressConflictConsumer>())
            .BuildServiceProvider(true);

    private sealed class FakeSnapshot(FakeCluster cluster) : IClusterSnapshot
    {
        public ConfigSource Snapshot => cluster.Snapshot;
    }
}
