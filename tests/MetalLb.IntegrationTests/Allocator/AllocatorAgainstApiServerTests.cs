using System.Text.Json.Nodes;
using k8s;
using MetalLb.Allocator.Adapters;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Net;
using MetalLb.Kubernetes.Caching;
using MetalLb.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MetalLb.IntegrationTests.Allocator;

/// <summary>The allocator against a real kube-apiserver (1.20, API only): each test starts its own server.</summary>
public sealed class AllocatorAgainstApiServerTests
{
    [RootFact]
    public async Task Service_GetsIpAnnotationEventAndPoolStatus_ThenPoolChangeReallocatesLive()
    {
        await using var cluster = await AllocatorCluster.StartAsync();
        await cluster.ApplyAsync(AllocatorYaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        await cluster.ApplyAsync(AllocatorYaml.Node("node-a"));
        await cluster.ApplyAsync(AllocatorYaml.Service("web"));
        await cluster.ApplyAsync(AllocatorYaml.EndpointSlice("web", "node-a"));
        var (host, plans) = await cluster.StartAllocatorAsync("replica-1");

        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("web")).SequenceEqual(["192.0.2.10"]), "web gets 192.0.2.10");
        // Status (subresource) and annotation (metadata) are two writes; wait for the second as well.
        await AllocatorCluster.Until(async () => await cluster.PoolAnnotationAsync("web") == "blue", "web annotated with pool blue");
        await AllocatorCluster.Until(async () => (await EventReasonsAsync(cluster, "web")).Contains("IPAllocated"), "IPAllocated event");
        await AllocatorCluster.Until(
            async () => (await cluster.GetJsonAsync("get", "ipaddresspool", "blue", "-n", "metallb-system"))["status"]?["assignedIPv4"]?.GetValue<long>() == 1,
            "pool status counts");
        var pool = await cluster.GetJsonAsync("get", "ipaddresspool", "blue", "-n", "metallb-system");
        Assert.Equal(10, pool["status"]!["availableIPv4"]!.GetValue<long>());
        await AllocatorCluster.Until(() => Task.FromResult(plans.Messages.Any(m => m.Service == "default/web" && m.Plan?.L2 is not null)), "an L2 plan");
        var slice = Assert.Single(host.Services.GetRequiredService<ClusterObjectCache>().Snapshot.EndpointSlices, s => s.ServiceName == "web");
        Assert.Equal("node-a", Assert.Single(slice.Endpoints).NodeName);
        var state = await cluster.GetJsonAsync("get", "configurationstate", "controller", "-n", "metallb-system");
        Assert.Equal("Valid", state["status"]!["result"]!.GetValue<string>());

        await cluster.ApplyAsync(AllocatorYaml.Pool("blue", "192.0.2.100-192.0.2.110"));

        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("web")).SequenceEqual(["192.0.2.100"]), "web moves to 192.0.2.100");
        await AllocatorCluster.Until(async () => await cluster.PoolAnnotationAsync("web") == "blue", "web still annotated with pool blue");
        var generations = plans.Messages.Where(m => m.Service == "default/web").Select(m => m.Generation).ToArray();
        Assert.True(generations.SequenceEqual(generations.Order()) && generations.Distinct().Count() == generations.Length);
    }

    [RootFact]
    public async Task InvalidPoolUnion_IsNotApplied_AndConfigurationStateSaysWhy()
    {
        await using var cluster = await AllocatorCluster.StartAsync();
        await cluster.ApplyAsync(AllocatorYaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        await cluster.ApplyAsync(AllocatorYaml.Service("first"));
        await cluster.StartAllocatorAsync("replica-1");
        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("first")).SequenceEqual(["192.0.2.10"]), "first gets 192.0.2.10");

        await cluster.ApplyAsync(AllocatorYaml.Pool("red", "192.0.2.15-192.0.2.30"));

        JsonNode? status = null;
        await AllocatorCluster.Until(
            async () =>
            {
                status = (await cluster.GetJsonAsync("get", "configurationstate", "controller", "-n", "metallb-system"))["status"];
                return status?["result"]?.GetValue<string>() == "Invalid";
            },
            "ConfigurationState Invalid");
        Assert.Contains("overlap", status!["errorSummary"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var condition = status["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "poolReconcilerValid")!;
        Assert.Equal("False", condition["status"]!.GetValue<string>());
        Assert.Equal("ConfigurationError", condition["reason"]!.GetValue<string>());

        await cluster.ApplyAsync(AllocatorYaml.Service("second"));

        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("second")).Count > 0, "second gets an IP from the last good config");
        Assert.Equal(["192.0.2.11"], await cluster.IngressAsync("second"));
        await AllocatorCluster.Until(async () => await cluster.PoolAnnotationAsync("second") == "blue", "second annotated with pool blue");
        Assert.Equal(["192.0.2.10"], await cluster.IngressAsync("first"));
    }

    [RootFact]
    public async Task FreshReconciler_KeepsTheIpInStatus_AndGivesThePendingServiceAnother()
    {
        await using var cluster = await AllocatorCluster.StartAsync();
        await cluster.ApplyAsync(AllocatorYaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        await cluster.ApplyAsync(AllocatorYaml.Service("a-pending"));
        await cluster.ApplyAsync(AllocatorYaml.Service("b-assigned"));
        await cluster.KubectlAsync("annotate", "service", "b-assigned", "metallb.io/ip-allocated-from-pool=blue");
        await cluster.Client.CoreV1.PatchNamespacedServiceStatusAsync(
            new k8s.Models.V1Patch("""{"status":{"loadBalancer":{"ingress":[{"ip":"192.0.2.10"}]}}}""", k8s.Models.V1Patch.PatchType.MergePatch),
            "b-assigned",
            "default");

        var (first, _) = await cluster.StartAllocatorAsync("replica-1");
        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("a-pending")).Count > 0, "a-pending gets an IP");

        Assert.Equal(["192.0.2.11"], await cluster.IngressAsync("a-pending"));
        Assert.Equal(["192.0.2.10"], await cluster.IngressAsync("b-assigned"));

        await cluster.StopAsync(first);
        var (second, _) = await cluster.StartAllocatorAsync("replica-2");
        await AllocatorCluster.Until(
            () => Task.FromResult(second.Services.GetRequiredService<AllocatorReconciler>().IsRestored),
            "the new leader restored");
        await cluster.ApplyAsync(AllocatorYaml.Service("c-new"));
        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("c-new")).Count > 0, "c-new gets an IP");

        Assert.Equal(["192.0.2.10"], await cluster.IngressAsync("b-assigned"));
        Assert.Equal(["192.0.2.11"], await cluster.IngressAsync("a-pending"));
        Assert.Equal(["192.0.2.12"], await cluster.IngressAsync("c-new"));
    }

    [RootFact]
    public async Task LeaderHandOver_OnlyTheLeaderActs_AndTheNewLeaderKeepsEveryIp()
    {
        await using var cluster = await AllocatorCluster.StartAsync();
        await cluster.ApplyAsync(AllocatorYaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        await cluster.ApplyAsync(AllocatorYaml.Service("one"));
        var (a, _) = await cluster.StartAllocatorAsync("replica-a");
        var (b, _) = await cluster.StartAllocatorAsync("replica-b");
        var workers = new[] { a, b }.Select(h => h.Services.GetRequiredService<AllocatorWorker>()).ToArray();
        await AllocatorCluster.Until(() => Task.FromResult(workers.Count(w => w.IsLeader) == 1), "one leader");
        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("one")).Count > 0, "one gets an IP");
        var leader = workers[0].IsLeader ? a : b;
        var follower = workers[0].IsLeader ? b : a;
        Assert.False(follower.Services.GetRequiredService<AllocatorReconciler>().IsRestored);

        await cluster.StopAsync(leader);
        var successor = follower.Services.GetRequiredService<AllocatorWorker>();
        await AllocatorCluster.Until(
            () => Task.FromResult(successor.IsLeader && follower.Services.GetRequiredService<AllocatorReconciler>().IsRestored),
            "the follower takes over and restores");
        await cluster.ApplyAsync(AllocatorYaml.Service("two"));
        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("two")).Count > 0, "two gets an IP");

        Assert.Equal(["192.0.2.10"], await cluster.IngressAsync("one"));
        Assert.Equal(["192.0.2.11"], await cluster.IngressAsync("two"));
        var lease = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("metallb-svc-allocator", AllocatorCluster.MetalLbNamespace);
        Assert.Equal(successor.Identity, lease.Spec.HolderIdentity);
    }

    [RootFact]
    public async Task StatusWrite_OnAStaleResourceVersion_Gets409AndRetriesWithAFreshRead()
    {
        await using var cluster = await AllocatorCluster.StartAsync();
        await cluster.ApplyAsync(AllocatorYaml.Service("web"));
        var stale = CoreObjectMapper.ToDomain(await cluster.Client.CoreV1.ReadNamespacedServiceAsync("web", "default"))!;
        await cluster.KubectlAsync("label", "service", "web", "touched=yes");
        var writer = new KubernetesServiceStatusWriter(cluster.Client);
        var raw = KubernetesServiceStatusWriter.StatusPatch(stale.Metadata.ResourceVersion, [IpAddress.Parse("192.0.2.10")]).ToJsonString();
        var conflict = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => cluster.Client.CoreV1.PatchNamespacedServiceStatusAsync(
            new k8s.Models.V1Patch(raw, k8s.Models.V1Patch.PatchType.MergePatch), "web", "default"));
        Assert.True(ConflictRetry.IsConflict(conflict));

        await writer.WriteAsync(stale, [IpAddress.Parse("192.0.2.10")], "blue", CancellationToken.None);

        Assert.Equal(["192.0.2.10"], await cluster.IngressAsync("web"));
        Assert.Equal("blue", await cluster.PoolAnnotationAsync("web"));
    }

    private static async Task<IReadOnlyList<string>> EventReasonsAsync(AllocatorCluster cluster, string service)
    {
        var events = await cluster.GetJsonAsync("get", "events", "-n", "default", "--field-selector", $"involvedObject.name={service}");
        return [.. events["items"]!.AsArray().Select(e => e!["reason"]!.GetValue<string>())];
    }
}
