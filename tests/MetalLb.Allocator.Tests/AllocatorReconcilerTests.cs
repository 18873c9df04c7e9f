using MetalLb.Allocator.Tests.Fakes;
using MetalLb.Domain.Net;

namespace MetalLb.Allocator.Tests;

public sealed class AllocatorReconcilerTests
{
    [Fact]
    public async Task Reconcile_NewService_WritesIngressAnnotationAndIPAllocatedEvent()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));

        await h.SettleAsync();

        Assert.Equal(["192.0.2.10"], h.Cluster["default/web"].IngressIPs);
        Assert.Equal("blue", h.Cluster.PoolAnnotation("default/web"));
        Assert.Contains("IPAllocated", h.Events.ReasonsFor("default/web"));
        Assert.True(h.Reconciler.IsRestored);
        Assert.Single(h.Cluster.Writes);
    }

    [Fact]
    public async Task HasPublishedAll_OnlyAfterTheFirstFullPass_AndAgainAfterReset()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        Assert.False(h.Reconciler.HasPublishedAll);

        await h.PassAsync();
        Assert.True(h.Reconciler.HasPublishedAll);
        h.Reconciler.Reset();

        Assert.False(h.Reconciler.HasPublishedAll);
    }

    [Fact]
    public async Task HasPublishedAll_NotWhileTheConfigurationIsInvalid()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20") + "\n---\n" + Yaml.Pool("red", "192.0.2.15-192.0.2.30"));

        await h.PassAsync();

        Assert.False(h.Reconciler.HasPublishedAll);
    }

    [Fact]
    public async Task Reconcile_WhenMetalLbNamespaceLacksPodSecurityLabels_StillAllocates()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20") + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: metallb-system\n");
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));

        await h.SettleAsync();

        Assert.Equal(["192.0.2.10"], h.Cluster["default/web"].IngressIPs);
        Assert.False(h.Reconciler.ConfigIsStale);
    }

    [Fact]
    public async Task Reconcile_ValidUnion_ReportsValid()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));

        await h.PassAsync();

        Assert.Equal([true], h.ConfigurationStates.Reports.Select(r => r.Valid));
        Assert.False(h.Reconciler.ConfigIsStale);
    }

    [Fact]
    public async Task Reconcile_InvalidUnion_KeepsLastGoodConfigAndReportsWhy()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        await h.PassAsync();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20") + "\n---\n" + Yaml.Pool("red", "192.0.2.15-192.0.2.30"));

        await h.PassAsync();
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        await h.SettleAsync();

        var last = h.ConfigurationStates.Reports[^1];
        Assert.False(last.Valid);
        Assert.Contains("overlap", last.ErrorSummary, StringComparison.OrdinalIgnoreCase);
        Assert.True(h.Reconciler.ConfigIsStale);
        Assert.Equal("blue", h.Cluster.PoolAnnotation("default/web"));
    }

    [Fact]
    public async Task Reconcile_InvalidUnionFixed_AppliesAndClearsStaleFlag()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20") + "\n---\n" + Yaml.Pool("red", "192.0.2.15-192.0.2.30"));
        await h.PassAsync();
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        await h.PassAsync();
        Assert.Empty(h.Cluster.Writes);

        h.Cluster.SetConfig(Yaml.Pool("red", "192.0.2.15-192.0.2.30"));
        await h.SettleAsync();

        Assert.False(h.Reconciler.ConfigIsStale);
        Assert.True(h.ConfigurationStates.Reports[^1].Valid);
        Assert.Equal(["192.0.2.15"], h.Cluster["default/web"].IngressIPs);
    }

    [Fact]
    public async Task Restore_FirstPass_KeepsAssignedIpAndNeverGivesItToThePendingService()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Apply(Yaml.Service("a-pending", "10.96.0.1"));
        h.Cluster.Apply(Yaml.Service("b-assigned", "10.96.0.2", ingress: "192.0.2.10", pool: "blue"));

        await h.SettleAsync();

        Assert.Equal(["192.0.2.10"], h.Cluster["default/b-assigned"].IngressIPs);
        Assert.Equal(["192.0.2.11"], h.Cluster["default/a-pending"].IngressIPs);
        Assert.DoesNotContain(h.Cluster.Writes, w => w.Service == "default/b-assigned");
    }

    [Fact]
    public async Task Reset_NewTerm_RestoresFromStatusWithoutChangingIps()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Apply(Yaml.Service("one", "10.96.0.1"));
        h.Cluster.Apply(Yaml.Service("two", "10.96.0.2"));
        await h.SettleAsync();
        var writes = h.Cluster.Writes.Count;

        h.Reconciler.Reset();
        await h.SettleAsync();

        Assert.Equal(writes, h.Cluster.Writes.Count);
        Assert.Equal([IpAddress.Parse("192.0.2.10")], h.Reconciler.IpsOf("default/one"));
        Assert.Equal([IpAddress.Parse("192.0.2.11")], h.Reconciler.IpsOf("default/two"));
    }

    [Fact]
    public async Task PoolChange_IpOutsideNewRange_ReallocatesLive()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        await h.SettleAsync();

        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.100-192.0.2.110"));
        await h.SettleAsync();

        Assert.Equal(["192.0.2.100"], h.Cluster["default/web"].IngressIPs);
        Assert.Equal("blue", h.Cluster.PoolAnnotation("default/web"));
    }

    [Fact]
    public async Task Delete_ServiceWithIp_ReleasesAndServesThePendingOne()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("tiny", "192.0.2.10/32"));
        h.Cluster.Apply(Yaml.Service("first", "10.96.0.1"));
        await h.SettleAsync();
        h.Cluster.Apply(Yaml.Service("second", "10.96.0.2"));
        await h.SettleAsync();
        Assert.Contains("AllocationFailed", h.Events.ReasonsFor("default/second"));
        Assert.Empty(h.Cluster["default/second"].IngressIPs);

        h.Cluster.Delete("default/first");
        await h.SettleAsync();

        Assert.Equal(["192.0.2.10"], h.Cluster["default/second"].IngressIPs);
    }

    [Fact]
    public async Task StatusWriteFailure_IsRetriedOnTheNextPass()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        h.Cluster.FailWrites = 1;

        await h.PassAsync();
        Assert.True(h.Reconciler.HasFailures);
        await h.SettleAsync();

        Assert.Equal(["192.0.2.10"], h.Cluster["default/web"].IngressIPs);
    }

    [Fact]
    public async Task PoolStatus_CountsWrittenWhenTheyChange()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.19"));
        await h.PassAsync();
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));

        await h.SettleAsync();

        var last = h.PoolStatus.Writes[^1];
        Assert.Equal("blue", last.Pool);
        Assert.Equal(1, last.V4.AssignedInt64);
        Assert.Equal(9, last.V4.AvailableInt64);
        Assert.Equal(2, h.PoolStatus.Writes.Count);
    }

    [Fact]
    public async Task Plans_PublishedWithGrowingGenerationAndWithdrawnOnDelete()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        await h.SettleAsync();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.100-192.0.2.110"));
        await h.SettleAsync();

        h.Cluster.Delete("default/web");
        await h.SettleAsync();

        var messages = h.Plans.Messages.Where(m => m.Service == "default/web").ToArray();
        Assert.Equal(3, messages.Length);
        Assert.Equal([IpAddress.Parse("192.0.2.10")], messages[0].Plan!.Ips);
        Assert.Equal([IpAddress.Parse("192.0.2.100")], messages[1].Plan!.Ips);
        Assert.Null(messages[2].Plan);
        Assert.True(messages[0].Generation < messages[1].Generation && messages[1].Generation < messages[2].Generation);
    }
}
