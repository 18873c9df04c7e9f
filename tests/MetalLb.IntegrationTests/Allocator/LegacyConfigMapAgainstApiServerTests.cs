using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using MetalLb.Allocator;
using MetalLb.Allocator.Reconciliation;
using MetalLb.TestSupport;
using MetalLb.TestSupport.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.IntegrationTests.Allocator;

/// <summary>
/// MetalLB's legacy ConfigMap <c>config</c> (what the Palette manifest pack writes) read live by the allocator from a
/// real kube-apiserver: no restart after an edit, and a clash with the CRs is a visible configuration error.
/// </summary>
public sealed class LegacyConfigMapAgainstApiServerTests
{
    [RootFact]
    public async Task LegacyConfigMap_AllocatesLive_AnEditNeedsNoRestart_AndAClashIsAVisibleConfigError()
    {
        await using var cluster = await AllocatorCluster.StartAsync();
        await cluster.ApplyAsync(ConfigMap("198.51.100.10-198.51.100.20"));
        await cluster.ApplyAsync(AllocatorYaml.Service("first"));
        var (host, _) = await cluster.StartAllocatorAsync("replica-1");
        var reconciler = host.Services.GetRequiredService<AllocatorReconciler>();

        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("first")).SequenceEqual(["198.51.100.10"]), "first gets 198.51.100.10");
        await AllocatorCluster.Until(async () => await cluster.PoolAnnotationAsync("first") == "legacy", "first annotated with pool legacy");
        Assert.Equal("Valid", (await StateAsync(cluster))["result"]!.GetValue<string>());

        await cluster.ApplyAsync(ConfigMap("203.0.113.10-203.0.113.20"));
        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("first")).SequenceEqual(["203.0.113.10"]), "first moves to the edited range");
        await cluster.ApplyAsync(AllocatorYaml.Service("second"));
        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("second")).Count > 0, "second gets an IP");

        Assert.Equal(["203.0.113.11"], await cluster.IngressAsync("second"));
        Assert.Same(reconciler, host.Services.GetRequiredService<AllocatorReconciler>());

        await cluster.ApplyAsync(AllocatorYaml.Pool("legacy", "192.0.2.10-192.0.2.20"));
        JsonNode? state = null;
        await AllocatorCluster.Until(
            async () => (state = await StateAsync(cluster))["result"]?.GetValue<string>() == "Invalid", "ConfigurationState Invalid");

        Assert.Contains(
            "ConfigMap metallb-system/config: config:2: IPAddressPool \"legacy\" is defined both here and as a metallb.io IPAddressPool",
            state!["errorSummary"]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.Equal((1, 1), Gauges(host));
        await cluster.ApplyAsync(AllocatorYaml.Service("third"));
        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("third")).Count > 0, "third gets an IP from the last good config");
        Assert.Equal(["203.0.113.12"], await cluster.IngressAsync("third"));
    }

    /// <summary>The ConfigMap as MetalLB before v0.13 read it, with one layer2 pool.</summary>
    private static string ConfigMap(string addresses) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: config
          namespace: metallb-system
        data:
          config: |
            address-pools:
            - name: legacy
              protocol: layer2
              avoid-buggy-ips: true
              addresses:
              - {addresses}
        """;

    private static async Task<JsonNode> StateAsync(AllocatorCluster cluster) =>
        (await cluster.GetJsonAsync("get", "configurationstate", "controller", "-n", AllocatorCluster.MetalLbNamespace))["status"] ?? new JsonObject();

    /// <summary>(<c>metallb_k8s_client_config_loaded_bool</c>, <c>metallb_k8s_client_config_stale_bool</c>) as the host exports them.</summary>
    private static (int Loaded, int Stale) Gauges(IHost host)
    {
        var values = MeterReadings.Observe(host.Services.GetRequiredService<IMeterFactory>(), AllocatorTelemetry.SourceName);
        return ((int)values[(AllocatorMetrics.ConfigLoaded, "")], (int)values[(AllocatorMetrics.ConfigStale, "")]);
    }
}
