using MetalLb.Allocator.Tests.Fakes;
using MetalLb.Domain.Config;

namespace MetalLb.Allocator.Tests;

public sealed class ReconcilerRetryTests
{
    [Fact]
    public async Task FailedPublish_IsRetriedOnTheNextPass_ThoughNothingChanged()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20") + "\n---\n" + L2Ad);
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        h.Plans.FailNext = 2;

        await h.PassAsync();
        Assert.DoesNotContain(h.Plans.Messages, m => m.Service == "default/web");
        Assert.True(h.Reconciler.HasFailures);
        await h.PassAsync();

        Assert.Contains(h.Plans.Messages, m => m.Service == "default/web" && m.Plan is not null);
        Assert.False(h.Reconciler.HasFailures);
    }

    [Fact]
    public async Task PoolStatusWrite_NewResourceVersionSameGeneration_IsNotAConfigChange()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        h.Cluster.Config = Stamp(h.Cluster.Config, "100", 1);
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        await h.SettleAsync();
        var reports = h.ConfigurationStates.Reports.Count;
        var poolWrites = h.PoolStatus.Writes.Count;

        h.Cluster.Config = Stamp(h.Cluster.Config, "101", 1);
        await h.PassAsync();

        Assert.Equal(reports, h.ConfigurationStates.Reports.Count);
        Assert.Equal(poolWrites, h.PoolStatus.Writes.Count);
        h.Cluster.Config = Stamp(h.Cluster.Config, "102", 2);
        await h.PassAsync();
        Assert.True(h.ConfigurationStates.Reports.Count > reports || h.PoolStatus.Writes.Count > poolWrites);
    }

    [Fact]
    public async Task FirstPass_OverManyServices_PublishesPlansAsStatusesLand_NeverBeforeTheirStatus()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "198.51.100.0/24") + "\n---\n" + Yaml.Pool("green", "203.0.113.0/24") + "\n---\n" + L2Ad);
        for (var i = 0; i < 500; i++)
        {
            h.Cluster.Apply(Yaml.Service($"svc-{i:D3}", $"10.96.{i / 250}.{(i % 250) + 1}"));
        }

        var writesAtFirstPlan = -1;
        h.Plans.OnPlan = plan =>
        {
            Assert.Contains(h.Cluster.Writes, w => w.Service == plan.ServiceKey);
            if (writesAtFirstPlan < 0)
            {
                writesAtFirstPlan = h.Cluster.Writes.Count;
            }
        };

        await h.PassAsync();

        Assert.Equal(500, h.Cluster.Writes.Count);
        Assert.Equal(500, h.Plans.Messages.Count(m => m.Plan is not null));
        Assert.InRange(writesAtFirstPlan, 1, 499);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public async Task FirstPass_WritesUpToWriteConcurrencyServicesAtOnce(int concurrency)
    {
        var h = new ReconcilerHarness(options: new AllocatorOptions { WriteConcurrency = concurrency });
        h.Cluster.SetConfig(Yaml.Pool("blue", "198.51.100.0/24"));
        for (var i = 0; i < 64; i++)
        {
            h.Cluster.Apply(Yaml.Service($"svc-{i:D2}", $"10.96.0.{i + 1}"));
        }

        h.Cluster.WriteDelay = TimeSpan.FromMilliseconds(5);

        await h.PassAsync();

        Assert.Equal(64, h.Cluster.Writes.Count);
        Assert.Equal(64, h.Cluster.Writes.Select(w => w.Ips[0]).Distinct().Count());
        Assert.InRange(h.Cluster.MaxInFlight, concurrency == 1 ? 1 : 2, concurrency);
    }

    private const string L2Ad = """
        apiVersion: metallb.io/v1beta1
        kind: L2Advertisement
        metadata:
          name: l2
          namespace: metallb-system
        """;

    private static ConfigSource Stamp(ConfigSource config, string resourceVersion, long generation) => config with
    {
        Pools = [.. config.Pools.Select(p => p with { Metadata = p.Metadata with { ResourceVersion = resourceVersion, Generation = generation } })],
    };
}
