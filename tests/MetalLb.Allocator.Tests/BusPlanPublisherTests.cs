using MassTransit;
using MetalLb.Allocator.Bus;
using MetalLb.Allocator.Tests.Fakes;
using MetalLb.Contracts;
using MetalLb.Hosting.Bus;
using MetalLb.Hosting.Plans;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetalLb.Allocator.Tests;

public sealed class BusPlanPublisherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reconcile_NewService_PlanReachesAnnouncerWithIpsAndGeneration()
    {
        await using var bus = await AllocatorBus.StartAsync();
        var h = new ReconcilerHarness(publisher: bus.Publisher);
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));

        await h.SettleAsync();

        var plan = await bus.Inbox.WaitForAsync<AnnouncementPlan>(p => p.ServiceKey == "default/web", Timeout);
        Assert.Equal(["192.0.2.10"], plan.Ips);
        Assert.Equal("blue", plan.Pool);
        Assert.Equal(h.Clock.Now.ToUnixTimeMilliseconds() * 1000, plan.Generation);
        Assert.Equal([("default/web", plan.Generation)], bus.Ledger.Plans.Select(p => (p.ServiceKey, p.Generation)));
    }

    [Fact]
    public async Task Reconcile_DeletedService_WithdrawalReachesAnnouncerAndLeavesTheLedger()
    {
        await using var bus = await AllocatorBus.StartAsync();
        var h = new ReconcilerHarness(publisher: bus.Publisher);
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        await h.SettleAsync();
        var plan = await bus.Inbox.WaitForAsync<AnnouncementPlan>(p => p.ServiceKey == "default/web", Timeout);

        h.Cluster.Delete("default/web");
        await h.SettleAsync();

        var withdrawn = await bus.Inbox.WaitForAsync<AnnouncementWithdrawn>(w => w.ServiceKey == "default/web", Timeout);
        Assert.True(withdrawn.Generation > plan.Generation);
        Assert.Empty(bus.Ledger.Plans);
    }

    [Fact]
    public async Task Reconcile_NewTerm_WithdrawsALedgerPlanOfAServiceGoneMeanwhile()
    {
        await using var bus = await AllocatorBus.StartAsync();
        var h = new ReconcilerHarness(publisher: bus.Publisher);
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        h.Cluster.Apply(Yaml.Service("gone", "10.96.0.2"));
        await h.SettleAsync();
        h.Reconciler.Reset();
        h.Cluster.Delete("default/gone");

        await h.SettleAsync();

        await bus.Inbox.WaitForAsync<AnnouncementWithdrawn>(w => w.ServiceKey == "default/gone", Timeout);
        Assert.Equal(["default/web"], bus.Ledger.Plans.Select(p => p.ServiceKey));
    }

    [Fact]
    public async Task SnapshotRequest_Leader_AnswersEveryPlanWithTheirDigest()
    {
        await using var bus = await AllocatorBus.StartAsync();
        var h = new ReconcilerHarness(publisher: bus.Publisher);
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        h.Cluster.Apply(Yaml.Service("db", "10.96.0.2"));
        h.Cluster.Apply(Yaml.Service("old", "10.96.0.3"));
        await h.SettleAsync();
        h.Cluster.Delete("default/old");
        await h.SettleAsync();

        var snapshot = await AnnouncementSnapshots.RequestAsync(bus.Bus, "node-a");

        Assert.Equal(["default/db", "default/web"], snapshot.Plans.Select(p => p.ServiceKey).Order(StringComparer.Ordinal));
        Assert.Equal(PlanDigests.Compute(snapshot.Plans), snapshot.Digest);
        var book = new PlanBook();
        book.Replace(snapshot);
        Assert.False(book.NeedsResync(bus.Ledger.Digest()));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task SnapshotRequest_FollowerOrNewLeaderBeforeItsFirstFullPass_IsNotAnswered(bool leader, bool plansComplete)
    {
        await using var bus = await AllocatorBus.StartAsync();
        bus.Leadership.IsLeader = leader;
        bus.Leadership.PlansComplete = plansComplete;
        var client = bus.Bus.CreateRequestClient<RequestAnnouncementSnapshot>(RequestTimeout.After(s: 1));

        await Assert.ThrowsAsync<RequestTimeoutException>(
            () => client.GetResponse<AnnouncementSnapshot>(new RequestAnnouncementSnapshot("node-a")));
    }

    [Fact]
    public async Task DigestPublisher_Leader_PublishesTheLedgerDigestEveryInterval()
    {
        await using var bus = await AllocatorBus.StartAsync();
        var h = new ReconcilerHarness(publisher: bus.Publisher);
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        await h.SettleAsync();
        var clock = new ManualTimeProvider();
        var options = new AllocatorOptions { DigestInterval = TimeSpan.FromSeconds(10) };
        using var publisher = new PlanDigestPublisher(
            bus.Bus, bus.Ledger, bus.Leadership, options, clock, NullLogger<PlanDigestPublisher>.Instance);
        await publisher.StartAsync(CancellationToken.None);

        await clock.TimerArmed.WaitAsync(Timeout);
        clock.Advance(TimeSpan.FromSeconds(10));

        var digest = await bus.Inbox.WaitForAsync<PlanDigest>(_ => true, Timeout);
        Assert.Equal(PlanDigests.Compute(bus.Ledger.Plans), digest);
        Assert.Equal(1, digest.Count);
        await publisher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task DigestPublisher_NotLeader_PublishesNothing()
    {
        await using var bus = await AllocatorBus.StartAsync();
        bus.Leadership.IsLeader = false;
        var clock = new ManualTimeProvider();
        using var publisher = new PlanDigestPublisher(
            bus.Bus, bus.Ledger, bus.Leadership, new AllocatorOptions(), clock, NullLogger<PlanDigestPublisher>.Instance);
        await publisher.StartAsync(CancellationToken.None);

        await clock.TimerArmed.WaitAsync(Timeout);
        clock.Advance(TimeSpan.FromSeconds(10));
        await clock.TimerArmed.WaitAsync(Timeout);

        Assert.Equal(0, publisher.Published);
        await publisher.StopAsync(CancellationToken.None);
    }
}
