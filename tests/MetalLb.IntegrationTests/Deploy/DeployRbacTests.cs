using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using k8s;
using MetalLb.Allocator;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Contracts;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.TestSupport;
using MetalLb.Webhook.Certificates;
using MetalLb.Webhook.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.IntegrationTests.Deploy;

/// <summary>
/// deploy/'s RBAC is enough: the real allocator and webhook run against a real API server as their ServiceAccounts
/// (tokens from the TokenRequest API), with nothing but the Roles and ClusterRoles of deploy/base, and everything they
/// write lands. A permission missing would surface as an effect that never happens (they log a 403 and retry).
/// </summary>
public sealed class DeployRbacTests(KubeApiServerFixture api) : IClassFixture<KubeApiServerFixture>
{
    private const string Ns = "metallb-system";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [RootFact]
    public async Task Allocator_WithOnlyItsDeployRbac_AllocatesAndWritesEveryStatus()
    {
        await InstallRbacAsync();
        await KubectlAsync("apply", "--validate=false", "-f", await WriteAsync(
            AllocatorYaml.Pool("rbac", "198.51.100.10-198.51.100.20") + "\n---\n" + AllocatorYaml.Service("rbac-web")));
        using var client = await ClientForAsync("metallb-svc-allocator");
        using var host = await StartAllocatorAsync(client);

        await Until(async () => (await api.Client.CoreV1.ReadNamespacedServiceAsync("rbac-web", "default")).Status?.LoadBalancer?.Ingress?.Count == 1, "an IP in the Service status");
        await Until(async () => (await api.Client.CoreV1.ReadNamespacedServiceAsync("rbac-web", "default")).Metadata.Annotations?.ContainsKey("metallb.io/ip-allocated-from-pool") == true, "the pool annotation");
        await Until(async () => (await api.Client.CoreV1.ListNamespacedEventAsync("default")).Items.Any(e => e.Reason == "IPAllocated"), "an IPAllocated Event");
        await Until(async () => (await GetAsync("ipaddresspools", "rbac"))["status"]?["assignedIPv4"]?.GetValue<long>() == 1, "the pool status");
        await Until(async () => (string?)(await GetAsync("configurationstates", "controller"))["status"]?["result"] == "Valid", "ConfigurationState controller");
        await Until(async () => (await api.Client.CoordinationV1.ReadNamespacedLeaseAsync("metallb-svc-allocator", Ns)).Spec.HolderIdentity == "rbac-replica", "the Lease held");
        var writer = host.Services.GetRequiredService<IAnnouncementStatusWriter>();
        var l2 = new AnnouncementStatus("node-a", "default/rbac-web", 1, "layer2", true, ["eth0"], [], null);
        var bgp = new AnnouncementStatus("node-a", "default/rbac-web", 1, "bgp", true, [], ["upstream"], null);

        await writer.WriteAsync(l2, CancellationToken.None);
        await writer.WriteAsync(bgp, CancellationToken.None);
        var l2Objects = await ListAsync("servicel2statuses");
        var bgpObjects = await ListAsync("servicebgpstatuses");
        await writer.WriteAsync(l2 with { Announcing = false }, CancellationToken.None);
        await writer.WriteAsync(bgp with { Announcing = false }, CancellationToken.None);

        Assert.Equal("node-a", (string?)Assert.Single(l2Objects)!["status"]!["node"]);
        Assert.Equal("upstream", (string?)Assert.Single(bgpObjects)!["status"]!["peers"]![0]);
        Assert.Empty(await ListAsync("servicel2statuses"));
        Assert.Empty(await ListAsync("servicebgpstatuses"));
        await host.StopAsync();
    }

    [RootFact]
    public async Task Webhook_WithOnlyItsDeployRbac_KeepsItsCertificateAndInjectsEveryCaBundle()
    {
        await InstallRbacAsync();
        var port = FreePort();
        var configurations = YamlDocuments.Parse(await File.ReadAllTextAsync(RepoPaths.Combine("deploy", "base", "webhook-configurations.yaml")));
        foreach (var registration in configurations.SelectMany(c => c["webhooks"]!.AsArray()).OfType<JsonObject>())
        {
            // deploy/'s registrations, pointed at the webhook on loopback instead of its Service (no cluster network here).
            var path = (string?)registration["clientConfig"]!["service"]!["path"];
            registration["clientConfig"] = new JsonObject { ["url"] = $"https://127.0.0.1:{port}{path}" };
        }

        await KubectlAsync("apply", "--validate=false", "-f", await WriteAsync(string.Concat(configurations.Select(c => c.ToJsonString() + "\n"))));
        await PatchConversionAsync(new JsonObject { ["service"] = null, ["url"] = $"https://127.0.0.1:{port}/convert" });
        try
        {
            using var client = await ClientForAsync("metallb-svc-webhook");
            await using var webhook = new ServiceAccountWebhookFactory(port, client);
            webhook.UseKestrel();
            webhook.StartServer();

            await Until(() => Task.FromResult(webhook.Services.GetRequiredService<ICertificateProvider>().IsReady), "the certificate");
            await Until(() => Task.FromResult(webhook.Services.GetRequiredService<IObjectStore>().IsSynced), "the object cache");
            await Until(async () => (await CaBundlesAsync()).All(b => b.Length > 0), "every caBundle");
            var secret = await api.Client.CoreV1.ReadNamespacedSecretAsync("metallb-svc-webhook-cert", Ns);
            Assert.Equal("kubernetes.io/tls", secret.Type);
        }
        finally
        {
            // The webhook is gone after this test: its registrations (failurePolicy Fail) would refuse the other test's writes.
            await api.RunKubectlAsync("delete", "validatingwebhookconfiguration", "metallb-svc-validating", "--ignore-not-found");
            await api.RunKubectlAsync("delete", "mutatingwebhookconfiguration", "metallb-svc-mutating", "--ignore-not-found");
            await PatchConversionAsync(new JsonObject
            {
                ["url"] = null,
                ["service"] = new JsonObject { ["namespace"] = Ns, ["name"] = "metallb-svc-webhook", ["path"] = "/convert" },
            });
        }
    }

    /// <summary>Sets the BGPPeer CRD's conversion clientConfig (merge patch: null removes a field).</summary>
    private Task<string> PatchConversionAsync(JsonObject clientConfig) =>
        KubectlAsync("patch", "crd", "bgppeers.metallb.io", "--type=merge", "-p", new JsonObject
        {
            ["spec"] = new JsonObject { ["conversion"] = new JsonObject { ["webhook"] = new JsonObject { ["clientConfig"] = clientConfig } } },
        }.ToJsonString());

    [RootFact]
    public async Task Announcer_ServiceAccount_MayDoNothing()
    {
        await InstallRbacAsync();
        string[] attempts = ["get services", "list nodes", "create events", "list ipaddresspools.metallb.io", "get secrets", "update leases"];

        foreach (var attempt in attempts)
        {
            var result = await api.RunKubectlAsync(
                ["auth", "can-i", .. attempt.Split(' '), "-n", Ns, "--as=system:serviceaccount:metallb-system:metallb-svc-announcer"]);
            Assert.Equal("no", result.StandardOutput.Trim());
        }
    }

    private async Task InstallRbacAsync()
    {
        Assert.Null(api.SkipReason);
        await api.ApplyCrdsAsync();
        foreach (var file in new[] { "namespace.yaml", "allocator-rbac.yaml", "webhook-rbac.yaml", "announcer.yaml" })
        {
            await KubectlAsync("apply", "--validate=false", "-f", RepoPaths.Combine("deploy", "base", file));
        }
    }

    /// <summary>A client that authenticates as the ServiceAccount, with a token from the TokenRequest API.</summary>
    private async Task<k8s.Kubernetes> ClientForAsync(string serviceAccount)
    {
        var token = (await KubectlAsync("create", "token", serviceAccount, "-n", Ns, "--duration=1h")).Trim();
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(api.Kubeconfig);
        config.AccessToken = token;
        return new k8s.Kubernetes(config);
    }

    private static async Task<IHost> StartAllocatorAsync(IKubernetes client)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Allocator:Identity"] = "rbac-replica",
            ["Allocator:LeaseDuration"] = "00:00:04",
            ["Allocator:RenewDeadline"] = "00:00:03",
            ["Allocator:RetryPeriod"] = "00:00:00.500",
        });
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<IPlanPublisher>(new RecordingPlanPublisher());
        builder.AddAllocator();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private async Task<JsonNode> GetAsync(string plural, string name) =>
        JsonNode.Parse(await KubectlAsync("get", plural + ".metallb.io", name, "-n", Ns, "-o", "json"))!;

    private async Task<List<JsonNode?>> ListAsync(string plural) =>
        [.. JsonNode.Parse(await KubectlAsync("get", plural + ".metallb.io", "-n", Ns, "-o", "json"))!["items"]!.AsArray()];

    private async Task<List<byte[]>> CaBundlesAsync()
    {
        var validating = await api.Client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync("metallb-svc-validating");
        var mutating = await api.Client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync("metallb-svc-mutating");
        var crd = await api.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("bgppeers.metallb.io");
        return
        [
            .. validating.Webhooks.Select(w => w.ClientConfig.CaBundle ?? []),
            .. mutating.Webhooks.Select(w => w.ClientConfig.CaBundle ?? []),
            crd.Spec.Conversion.Webhook.ClientConfig.CaBundle ?? [],
        ];
    }

    private async Task<string> KubectlAsync(params string[] args)
    {
        var result = await api.RunKubectlAsync(args);
        Assert.True(result.Succeeded, $"kubectl {string.Join(' ', args)}: {result}");
        return result.StandardOutput;
    }

    private async Task<string> WriteAsync(string yaml)
    {
        var file = Path.Combine(api.Directory, $"rbac-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        return file;
    }

    /// <summary>Polls what the services write through their own loops (no event to await), with a deadline.</summary>
    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
