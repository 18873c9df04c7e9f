using MetalLb.Allocator.Tests.Fakes;
using MetalLb.Domain.Config;

namespace MetalLb.Allocator.Tests;

/// <summary>The allocator takes MetalLB's legacy ConfigMap <c>config</c> as configuration, live, next to the CRs.</summary>
public sealed class LegacyConfigMapTests
{
    private const string NodeWithEndpoint = """
        apiVersion: v1
        kind: Node
        metadata: {name: node-a, labels: {kubernetes.io/hostname: node-a}}
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: {name: web-abc, namespace: default, labels: {kubernetes.io/service-name: web}}
        addressType: IPv4
        ports: [{port: 80, protocol: TCP}]
        endpoints: [{addresses: [10.244.0.5], conditions: {ready: true}, nodeName: node-a}]
        """;

    private static string Layer2Pool(string name, string addresses) =>
        $"address-pools:\n- name: {name}\n  protocol: layer2\n  addresses: [{addresses}]\n";

    [Fact]
    public async Task Reconcile_LegacyConfigMap_AllocatesFromItsPool_AndWritesNoPoolStatusForIt()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(NodeWithEndpoint);
        SetConfigMap(h, Layer2Pool("legacy", "198.51.100.10-198.51.100.20"), "1");
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));

        await h.SettleAsync();

        Assert.Equal(["198.51.100.10"], h.Cluster["default/web"].IngressIPs);
        Assert.Equal("legacy", h.Cluster.PoolAnnotation("default/web"));
        Assert.True(h.ConfigurationStates.Reports[^1].Valid);
        Assert.Empty(h.PoolStatus.Writes);
        var plan = h.Plans.Messages.Last(m => m.Service == "default/web").Plan!;
        Assert.Equal("legacy", plan.Pool);
        Assert.NotNull(plan.L2);
    }

    [Fact]
    public async Task Reconcile_LegacyConfigMapEdited_TakesEffectWithoutARestart()
    {
        var h = new ReconcilerHarness();
        SetConfigMap(h, Layer2Pool("legacy", "198.51.100.10-198.51.100.20"), "1");
        h.Cluster.Apply(Yaml.Service("first", "10.96.0.1"));
        await h.SettleAsync();

        SetConfigMap(h, Layer2Pool("legacy", "198.51.100.10-198.51.100.20, 203.0.113.0/28"), "2");
        h.Cluster.Apply(Yaml.Service("second", "10.96.0.2"));
        await h.SettleAsync();
        SetConfigMap(h, Layer2Pool("legacy", "203.0.113.0/28"), "3");
        h.Cluster.Apply(Yaml.Service("third", "10.96.0.3"));
        await h.SettleAsync();

        Assert.Equal(["203.0.113.0"], h.Cluster["default/first"].IngressIPs);
        Assert.Equal(["203.0.113.1"], h.Cluster["default/second"].IngressIPs);
        Assert.Equal(["203.0.113.2"], h.Cluster["default/third"].IngressIPs);
    }

    [Fact]
    public async Task Reconcile_LegacyPoolNamedAsACustomResource_IsAConfigErrorAndTheLastGoodConfigStays()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        await h.PassAsync();

        SetConfigMap(h, Layer2Pool("blue", "198.51.100.0/24"), "1");
        h.Cluster.Apply(Yaml.Service("web", "10.96.0.1"));
        await h.SettleAsync();

        var last = h.ConfigurationStates.Reports[^1];
        Assert.False(last.Valid);
        Assert.Contains(
            "ConfigMap metallb-system/config: config:2: IPAddressPool \"blue\" is defined both here and as a metallb.io IPAddressPool",
            last.ErrorSummary,
            StringComparison.Ordinal);
        Assert.True(h.Reconciler.ConfigIsStale);
        Assert.Equal(["192.0.2.10"], h.Cluster["default/web"].IngressIPs);
    }

    [Fact]
    public async Task Reconcile_LegacyPoolOverlappingACustomResource_IsAConfigErrorNamingTheConfigMapLine()
    {
        var h = new ReconcilerHarness();
        h.Cluster.SetConfig(Yaml.Pool("blue", "192.0.2.0/24"));

        SetConfigMap(h, "# legacy\n" + Layer2Pool("legacy", "192.0.2.128/25"), "1");
        await h.PassAsync();

        var summary = h.ConfigurationStates.Reports[^1].ErrorSummary;
        Assert.Contains("ConfigMap metallb-system/config: config:3: IPAddressPool/legacy: CIDR \"192.0.2.128/25\" in pool \"legacy\" overlaps", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_LegacyConfigThatDoesNotConvert_ReportsTheLineAndColumn()
    {
        var h = new ReconcilerHarness();
        SetConfigMap(h, "address-pools:\n- name: x\n  protocol: bgpx\n  addresses: [198.51.100.0/24]\n", "1");

        await h.PassAsync();

        Assert.Equal(
            "ConfigMap metallb-system/config: config:3:13: protocol \"bgpx\" is not layer2 or bgp",
            h.ConfigurationStates.Reports[^1].ErrorSummary);
        Assert.False(h.Reconciler.ConfigIsLoaded);
    }

    private static void SetConfigMap(ReconcilerHarness h, string config, string resourceVersion) =>
        h.Cluster.Config = h.Cluster.Config with
        {
            LegacyConfigMaps =
            [
                new LegacyConfigMap(new ObjectMeta { Name = "config", Namespace = "metallb-system", ResourceVersion = resourceVersion }, config),
            ],
        };
}
