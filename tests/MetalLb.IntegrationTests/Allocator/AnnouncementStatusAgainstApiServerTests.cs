using MassTransit;
using MetalLb.Contracts;
using MetalLb.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MetalLb.IntegrationTests.Allocator;

/// <summary>Announcers' reports, through the allocator's bus consumer, as ServiceL2Status/ServiceBGPStatus objects in a real API server.</summary>
public sealed class AnnouncementStatusAgainstApiServerTests
{
    [RootFact]
    public async Task Reports_BecomeStatusObjectsWithMetalLbsLabels_NodeAssignedEvent_AndGoWhenTheNodeStops()
    {
        await using var cluster = await AllocatorCluster.StartAsync();
        await cluster.ApplyAsync(AllocatorYaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        await cluster.ApplyAsync(AllocatorYaml.Service("web"));
        var (host, _) = await cluster.StartAllocatorAsync("replica-1");
        await AllocatorCluster.Until(async () => (await cluster.IngressAsync("web")).Count > 0, "web gets an IP");
        var bus = host.Services.GetRequiredService<IBus>();

        await bus.Publish(new AnnouncementStatus("node-a", "default/web", 5, "l2", true, ["eth0"], [], null));
        await bus.Publish(new AnnouncementStatus("node-b", "default/web", 5, "bgp", true, [], ["upstream"], null));

        var l2 = await OneAsync(cluster, "servicel2statuses", "node-a");
        Assert.Equal("default", l2["metadata"]!["labels"]!["metallb.io/service-namespace"]!.GetValue<string>());
        Assert.Equal("web", l2["status"]!["serviceName"]!.GetValue<string>());
        Assert.Equal("eth0", l2["status"]!["interfaces"]![0]!["name"]!.GetValue<string>());
        var bgp = await OneAsync(cluster, "servicebgpstatuses", "node-b");
        Assert.Equal("upstream", bgp["status"]!["peers"]![0]!.GetValue<string>());
        await AllocatorCluster.Until(
            async () => (await NodeAssignedAsync(cluster)).Contains("announcing from node \"node-a\" with protocol \"layer2\""),
            "a nodeAssigned Event for node-a");

        await bus.Publish(new AnnouncementStatus("node-a", "default/web", 6, "l2", false, [], [], "not elected: node-c announces"));

        await AllocatorCluster.Until(async () => (await ItemsAsync(cluster, "servicel2statuses")).Count == 0, "node-a's ServiceL2Status to go");
        Assert.Single(await ItemsAsync(cluster, "servicebgpstatuses"));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> OneAsync(AllocatorCluster cluster, string plural, string node)
    {
        await AllocatorCluster.Until(
            async () => (await ItemsAsync(cluster, plural)).Any(i => i!["status"]?["node"]?.GetValue<string>() == node),
            $"a {plural} object for {node} with its status");
        return (await ItemsAsync(cluster, plural)).Single(i => i!["metadata"]!["labels"]!["metallb.io/node"]!.GetValue<string>() == node)!;
    }

    private static async Task<System.Text.Json.Nodes.JsonArray> ItemsAsync(AllocatorCluster cluster, string plural) =>
        (await cluster.GetJsonAsync("get", plural, "-n", AllocatorCluster.MetalLbNamespace))["items"]!.AsArray();

    private static async Task<IReadOnlyList<string>> NodeAssignedAsync(AllocatorCluster cluster)
    {
        var events = await cluster.GetJsonAsync("get", "events", "-n", "default", "--field-selector", "involvedObject.name=web,reason=nodeAssigned");
        return [.. events["items"]!.AsArray().Select(e => e!["message"]!.GetValue<string>())];
    }
}
